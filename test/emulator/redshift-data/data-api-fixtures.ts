import {
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  type ExecuteStatementCommandInput,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";

import { sessionCredentials } from "../../support/clients.ts";

const FINAL = new Set(["FINISHED", "FAILED", "ABORTED"]);

export async function settled(
  client: RedshiftDataClient,
  id: string,
): Promise<DescribeStatementCommandOutput> {
  // Up to the test timeout (60 s): a cold PGlite template on a busy machine takes most of that.
  for (let i = 0; i < 2400; i++) {
    const out = await client.send(new DescribeStatementCommand({ Id: id }));
    if (FINAL.has(out.Status ?? "")) return out;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`statement ${id} did not reach a final status`);
}

export async function run(
  client: RedshiftDataClient,
  input: Omit<ExecuteStatementCommandInput, "ClusterIdentifier" | "Database"> &
    Partial<Pick<ExecuteStatementCommandInput, "ClusterIdentifier" | "Database">>,
): Promise<DescribeStatementCommandOutput> {
  const { Id } = await client.send(
    new ExecuteStatementCommand({ ClusterIdentifier: "chaincheck-cluster", Database: "dev", ...input }),
  );
  return settled(client, Id!);
}

export function roleSession(emu: RunningEmulator, roleArn: string, sessionName: string): StaticCredentials {
  const role = emu.world.iam.getRoleByArn(roleArn);
  if (!role) throw new Error(`no role ${roleArn}`);
  return sessionCredentials(emu.world.issueRoleSession({ role, sessionName, durationSeconds: 900 }));
}
