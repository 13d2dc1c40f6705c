import {
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { expect } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { chainRoleCredentials, dataClient } from "../../support/clients.ts";
import { CLUSTER } from "../../support/constants.ts";
import { type Layer, seedWith } from "../../support/emulator-fixture.ts";
import { settled } from "../redshift-data/data-api-fixtures.ts";

export interface CopyWorld {
  emu: RunningEmulator;
  client: RedshiftDataClient;
}

export async function startCopyWorld(layer: Layer): Promise<CopyWorld> {
  const emu = await startEmulator({ setup: seedWith(layer) });
  return { emu, client: dataClient(emu, await chainRoleCredentials(emu)) };
}

export async function runAsAppUser(
  client: RedshiftDataClient,
  sql: string,
): Promise<DescribeStatementCommandOutput> {
  const { Id } = await client.send(
    new ExecuteStatementCommand({
      ClusterIdentifier: CLUSTER,
      Database: "dev",
      DbUser: "app_user",
      Sql: sql,
    }),
  );
  return settled(client, Id!);
}

export async function rowsOf(client: RedshiftDataClient, sql: string): Promise<unknown[][]> {
  const out = await runAsAppUser(client, sql);
  expect(out.Error).toBeUndefined();
  const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
  return (result.Records ?? []).map((record) =>
    record.map((field) => {
      if (field.isNull) return null;
      return field.stringValue ?? field.longValue ?? field.doubleValue ?? field.booleanValue;
    }),
  );
}

export function copySql(table: string, from: string, role: string, options = "CSV IGNOREHEADER 1"): string {
  return `copy ${table} from '${from}' iam_role '${role}' ${options}`;
}

export interface ExpectedDetail {
  message: string;
  code: number;
  context: string;
  location: string;
}

const RULE = "  -----------------------------------------------";

export function expectRedshiftError(actual: string | undefined, expected: ExpectedDetail): void {
  const query = /\n {2}query: {5}(\d+)\n/.exec(actual ?? "")?.[1];
  const pid = /\n {2}process: {3}padbmaster \[pid=(\d+)\]\n/.exec(actual ?? "")?.[1];
  expect(query, `no query id in ${actual}`).toMatch(/^\d+$/);
  expect(pid, `no pid in ${actual}`).toMatch(/^\d+$/);
  expect(actual).toBe(
    [
      `ERROR: ${expected.message}`,
      "  DETAIL: ",
      RULE,
      `  error:  ${expected.message}`,
      `  code:      ${expected.code}`,
      `  context:   ${expected.context}`,
      `  query:     ${query}`,
      `  location:  ${expected.location}`,
      `  process:   padbmaster [pid=${pid}]`,
      RULE,
    ].join("\n"),
  );
}

export function s3ExceptionPattern(message: string, status: number, code: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `^S3ServiceException:${escaped},Status ${status},Error ${code},Rid [0-9A-F]{16},ExtRid [A-Za-z0-9+/=]+,CanRetry 1$`,
  );
}

export function firstErrorLine(error: string | undefined): string {
  return (error ?? "").split("\n")[0].replace(/^ERROR: /, "");
}

export function s3Detail(actual: string | undefined, context: string, location: string): ExpectedDetail {
  return { message: firstErrorLine(actual), code: 8001, context, location };
}
