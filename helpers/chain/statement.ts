/**
 * Runs one SQL statement through the Data API as B's role and waits for it: ExecuteStatement →
 * DescribeStatement polled with backoff (50 ms doubling, capped at 1 s) → GetStatementResult.
 * A statement still running at the timeout is cancelled (CancelStatement).
 */
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type GetStatementResultCommandOutput,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import type { LinkContext } from "./context.ts";

export interface StatementOutcome {
  id: string;
  status: string;
  error?: string;
  redshiftQueryId?: number;
  result?: GetStatementResultCommandOutput;
}

export async function runStatement(
  ctx: LinkContext,
  sql: string,
  options: { timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<StatementOutcome> {
  const creds = ctx.state.targetCredentials;
  if (!creds) throw new Error("runStatement needs B-role credentials from link assume-role");
  const client = new RedshiftDataClient(ctx.clientSettings(creds));
  const { clusterId, workgroupName, database, dbUser, secretArn } = ctx.config;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const timeoutMs = options.timeoutMs ?? 120_000;

  const submitted = await ctx.recorder.call("redshift-data", "ExecuteStatement", () =>
    client.send(
      new ExecuteStatementCommand({
        ClusterIdentifier: clusterId,
        WorkgroupName: workgroupName,
        Database: database,
        DbUser: secretArn ? undefined : dbUser,
        SecretArn: secretArn,
        Sql: sql,
        StatementName: "chaincheck",
      }),
    ),
  );
  const id = submitted.Id as string;
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  let described: DescribeStatementCommandOutput;
  for (;;) {
    described = await ctx.recorder.call("redshift-data", "DescribeStatement", () =>
      client.send(new DescribeStatementCommand({ Id: id })),
    );
    if (["FINISHED", "FAILED", "ABORTED"].includes(described.Status ?? "")) break;
    if (Date.now() > deadline) {
      await ctx.recorder
        .call("redshift-data", "CancelStatement", () => client.send(new CancelStatementCommand({ Id: id })))
        .catch(() => undefined);
      return { id, status: "TIMEOUT", error: `statement did not finish within ${timeoutMs} ms; cancelled` };
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 1000);
  }
  const outcome: StatementOutcome = {
    id,
    status: described.Status ?? "UNKNOWN",
    error: described.Error,
    redshiftQueryId: described.RedshiftQueryId,
  };
  if (described.Status === "FINISHED" && described.HasResultSet) {
    outcome.result = await ctx.recorder.call("redshift-data", "GetStatementResult", () =>
      client.send(new GetStatementResultCommand({ Id: id })),
    );
  }
  return outcome;
}
