import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { expect } from "vitest";
import { type RunningEmulator, type SetupLayer, startEmulator } from "../../../emulator/index.ts";
import { chainRoleCredentials, dataClient } from "../redshift/redshift-clients.ts";
import { SEED } from "../sts/emulator-clients.ts";

export { A, B, SEED } from "../sts/emulator-clients.ts";

export const REGION = "ap-northeast-1";
export const CLUSTER = "chaincheck-cluster";
export const BUCKET = "chaincheck-copy-source";
export const COPY_ROLE_ARN = "arn:aws:iam::222222222222:role/chaincheck-copy-role";
export const APP_USER_ARN = `arn:aws:redshift:${REGION}:222222222222:dbuser:${CLUSTER}/app_user`;
export const CLUSTER_ARN = `arn:aws:redshift:${REGION}:222222222222:cluster:${CLUSTER}`;

const FINAL = new Set(["FINISHED", "FAILED", "ABORTED"]);

export interface CopyWorld {
  emu: RunningEmulator;
  client: RedshiftDataClient;
}

export async function startCopyWorld(layer: Omit<SetupLayer, "extends">): Promise<CopyWorld> {
  const emu = await startEmulator({ setup: { extends: SEED, ...layer } });
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
  for (let i = 0; i < 400; i++) {
    const out = await client.send(new DescribeStatementCommand({ Id }));
    if (FINAL.has(out.Status ?? "")) return out;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`statement ${Id} did not reach a final status`);
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
