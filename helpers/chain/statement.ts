/**
 * Runs one SQL statement through the Data API as B's role and waits for it: ExecuteStatement →
 * DescribeStatement polled on the schedule of `pollDelay` → GetStatementResult. A statement still
 * running at the timeout is cancelled (CancelStatement). While it polls, the progress line (TTY
 * only) shows the statement's status, elapsed time and polls.
 *
 * Known gaps: the schedule is fixed (no use of the Data API's quota headroom); the timeout is
 * checked between polls, so it can overrun by one poll interval.
 */
import { randomUUID } from "node:crypto";
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementCommandOutput,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  type GetStatementResultCommandOutput,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import type { ChainConfig } from "../../config/chain-config.ts";
import { reportProgress } from "../report/progress.ts";
import type { LinkContext } from "./context.ts";

/** Where a Data API statement goes and as whom, from the chain config (cluster or workgroup;
 *  DbUser unless a secret is configured). Shared by the links and the diagnosis's reads. */
export function dataApiTarget(config: ChainConfig) {
  return {
    ClusterIdentifier: config.clusterId,
    WorkgroupName: config.workgroupName,
    Database: config.database,
    DbUser: config.secretArn ? undefined : config.dbUser,
    SecretArn: config.secretArn,
  };
}

/**
 * Wait before the next DescribeStatement, given the polls made so far and the time since submit.
 * Short statements (most of the chain's take a few ms on the embedded target and tens of ms on a
 * cluster) are noticed quickly: 10, 20, 50, then 100 ms — four polls in the first 180 ms, each sent
 * only after the previous answer came back. After that the wait is a fifth of the elapsed time,
 * between 200 ms and 1 s — so the time from finishing to being noticed stays near 10 % of the
 * statement's duration (100 ms on average for a 1 s statement) while the harness makes at most one
 * call per 200 ms, well inside the Data API's DescribeStatement quota (100/s per account), and
 * never waits more than 1 s.
 */
const FIRST_POLLS = [10, 20, 50, 100];

export function pollDelay(polls: number, elapsedMs: number): number {
  if (polls < FIRST_POLLS.length) return FIRST_POLLS[polls] as number;
  return Math.round(Math.min(1000, Math.max(200, elapsedMs / 5)));
}

/** What a check built on a statement reports: AWS's own status and error text, never ours. */
export interface StatementFacts {
  statementId: string;
  status: string;
  /** Redshift's query id (DescribeStatement, else the error's DETAIL block). */
  queryId?: number;
  /** DescribeStatement's Error, as the Data API gave it (or the harness's timeout text for TIMEOUT). */
  error?: string;
}

/** The facts of a statement outcome. */
export function statementFacts(o: StatementOutcome): StatementFacts {
  const queryId = o.redshiftQueryId || Number(/\n\s*query:\s+(\d+)/.exec(o.error ?? "")?.[1] ?? 0);
  return {
    statementId: o.id,
    status: o.status,
    ...(queryId ? { queryId } : {}),
    ...(o.error !== undefined ? { error: o.error } : {}),
  };
}

export interface StatementOutcome {
  id: string;
  status: string;
  error?: string;
  redshiftQueryId?: number;
  /** Rows the statement itself loaded or changed (DescribeStatement ResultRows; -1 when unknown). */
  resultRows?: number;
  result?: GetStatementResultCommandOutput;
}

/**
 * When a statement's end is the target's doing, not the setup's: an emulator gap (a FAILED
 * statement whose error is the chaincheck emulator's "not supported"/"not implemented"), or a
 * statement still running at the timeout on a target that is not AWS (peer emulators leave
 * statements STARTED for ever). On `aws` a timeout keeps its own cause (statement-timeout).
 */
export function statementTargetFault(ctx: LinkContext, outcome: StatementOutcome): string | undefined {
  const gap = /^(?:ERROR:\s*)?(chaincheck emulator: .*(?:not supported|not implemented).*)$/m.exec(
    outcome.error ?? "",
  );
  if (outcome.status === "FAILED" && gap) return `the target cannot check this: ${gap[1]}`;
  if (outcome.status === "TIMEOUT" && ctx.target !== "aws")
    return `the target left statement ${outcome.id} unfinished (redshift-data DescribeStatement): ${outcome.error}`;
  return undefined;
}

export async function runStatement(
  ctx: LinkContext,
  sql: string,
  options: { timeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<StatementOutcome> {
  const creds = ctx.state.bRoleCredentials;
  if (!creds) throw new Error("runStatement needs B-role credentials from link assume-role");
  const client = new RedshiftDataClient(ctx.clientSettings(creds));
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const timeoutMs = options.timeoutMs ?? ctx.statementTimeoutMs ?? 120_000;

  // One ClientToken per statement: a retry after a dropped answer gets the same statement back
  // instead of running it twice (the SDK resends the same request body on a retry).
  const clientToken = randomUUID();
  // Known to the interrupt cleanup from the moment it is sent (settleOpenStatements).
  const submission = ctx.recorder.call("redshift-data", "ExecuteStatement", () =>
    client.send(
      new ExecuteStatementCommand({
        ...dataApiTarget(ctx.config),
        Sql: sql,
        StatementName: "chaincheck",
        ClientToken: clientToken,
      }),
    ),
  );
  const key = Symbol(sql);
  open.set(key, {
    client,
    ctx,
    id: submission.then(
      (s) => s.Id,
      () => undefined,
    ),
  });
  try {
    const id = (await submission).Id as string;
    return await waitForStatement(ctx, client, id, sleep, timeoutMs);
  } finally {
    open.delete(key);
  }
}

/** Statements sent and not yet seen to end, for the interrupt cleanup (settleOpenStatements). */
const open = new Map<
  symbol,
  { client: RedshiftDataClient; ctx: LinkContext; id: Promise<string | undefined> }
>();

/**
 * Waits (bounded) until every statement this process sent and has not seen end has ended —
 * including one still on the wire: an interrupted run's cleanup calls it before dropping what
 * those statements may still create.
 */
export async function settleOpenStatements(
  timeoutMs = 20_000,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    [...open.values()].map(async ({ client, ctx, id: pending }) => {
      const id = await pending;
      if (!id) return;
      while (Date.now() < deadline) {
        const described = await ctx.recorder
          .call("redshift-data", "DescribeStatement", () =>
            client.send(new DescribeStatementCommand({ Id: id })),
          )
          .catch(() => undefined);
        if (!described || ["FINISHED", "FAILED", "ABORTED"].includes(described.Status ?? "")) return;
        await sleep(50);
      }
    }),
  );
}

async function waitForStatement(
  ctx: LinkContext,
  client: RedshiftDataClient,
  id: string,
  sleep: (ms: number) => Promise<void>,
  timeoutMs: number,
): Promise<StatementOutcome> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let polls = 0;
  let described: DescribeStatementCommandOutput;
  for (;;) {
    // Polling right after submit only ever sees SUBMITTED: wait first.
    await sleep(pollDelay(polls, Date.now() - started));
    described = await ctx.recorder.call("redshift-data", "DescribeStatement", () =>
      client.send(new DescribeStatementCommand({ Id: id })),
    );
    polls++;
    if (["FINISHED", "FAILED", "ABORTED"].includes(described.Status ?? "")) break;
    reportProgress(
      `statement ${id.slice(0, 8)}… ${described.Status ?? "?"}, ${((Date.now() - started) / 1000).toFixed(1)} s, ${polls} poll${polls === 1 ? "" : "s"}`,
    );
    if (Date.now() > deadline) {
      await ctx.recorder
        .call("redshift-data", "CancelStatement", () => client.send(new CancelStatementCommand({ Id: id })))
        .catch(() => undefined);
      return { id, status: "TIMEOUT", error: `statement did not finish within ${timeoutMs} ms; cancelled` };
    }
  }
  const outcome: StatementOutcome = {
    id,
    status: described.Status ?? "UNKNOWN",
    error: described.Error,
    redshiftQueryId: described.RedshiftQueryId,
    resultRows: described.ResultRows,
  };
  if (described.Status === "FINISHED" && described.HasResultSet) {
    outcome.result = await ctx.recorder.call("redshift-data", "GetStatementResult", () =>
      client.send(new GetStatementResultCommand({ Id: id })),
    );
  }
  return outcome;
}
