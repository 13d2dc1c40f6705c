/**
 * Link 5 — `copy-from-s3`: COPY the configured S3 source into a scratch table shaped like the
 * configured table, check rows arrived, and on failure read the load errors for this query.
 * The scratch table (unique name, in the scratch schema) is dropped in every case; nothing the
 * harness did not create is touched. The default scratch schema is `public`, where Redshift lets
 * every user create tables by default, so the check needs no privilege beyond what the COPY needs;
 * another schema (CHAINCHECK_SCRATCH_SCHEMA) is created if missing, which needs CREATE on the database.
 *
 * A failed COPY's check names its statement id and Redshift query id (`COPY (statement <id>, query
 * <n>) ended FAILED: …`): diagnosis reads sys_load_error_detail/stl_load_errors for that query id.
 * A scratch table the harness could not drop is reported (check `scratch table cleanup`) with the
 * statement to run by hand; it turns a pass into `error`, never a fail into anything else.
 *
 * Retries: every write survives one. Each statement carries its own ClientToken (a retried
 * ExecuteStatement returns the statement already submitted), the scratch table is created with
 * `create table if not exists`, the rows counted are the COPY statement's own (DescribeStatement
 * ResultRows; `count(*)` of the fresh table only when the target does not say), and the drop runs
 * once whatever happened (the interrupt cleanup and the `finally` share one run).
 *
 * Control (non-AWS targets, helpers/chain/negative-control.ts): the COPY's read of its source as an
 * identity that must be refused — S3 ListObjectsV2 on the source's bucket and prefix (one key at
 * most) as B's chain role, which the bucket policy does not name and which needs no S3 access for
 * the chain. Not a second COPY: a role chain there would meet Redshift's ASSUMEROLE grant (a SQL
 * privilege, not IAM) before any policy, and access keys in COPY's SQL would put a secret in the
 * target's query log.
 *
 * Known gaps: the query id comes from DescribeStatement, else from the error's DETAIL block; a COPY
 * that failed before Redshift gave it one (a parse error) has none.
 */
import { randomBytes } from "node:crypto";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { CheckOf } from "../report/types.ts";
import { addCheck, missingBRoleCredentials, outcomeForCallError, targetErrorOutcome } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { registerCleanup } from "./interrupt-cleanups.ts";
import { runControl } from "./negative-control.ts";
import {
  runStatement,
  type StatementFacts,
  type StatementOutcome,
  settleOpenStatements,
  statementFacts,
  statementTargetFault,
} from "./statement.ts";

/** Link 5's checks and their facts: which statement failed, its query id and AWS's text. */
export type CopyFromS3Check =
  | CheckOf<"copy-settings", Record<string, never>>
  | CheckOf<"scratch-table", StatementFacts & { sql: string }>
  | CheckOf<"copy", Partial<StatementFacts> & { source: string; roleArn: string; rows?: number }>
  | CheckOf<"scratch-table-cleanup", { table: string; status: string }>;

export async function runCopyFromS3(ctx: LinkContext): Promise<LinkOutcome> {
  const { copySource, copyRoleArn, table: copyTable } = ctx.config;
  if (!copySource) return { status: "skipped", note: "no COPY source configured (CHAINCHECK_COPY_SOURCE)" };
  if (!copyTable || !copyRoleArn) {
    addCheck(ctx, {
      id: "copy-settings",
      name: "COPY",
      status: "error",
      detail: "a COPY source needs table (CHAINCHECK_COPY_TABLE) and copyRoleArn (CHAINCHECK_COPY_ROLE_ARN)",
    });
    return { status: "error" };
  }
  const missing = missingBRoleCredentials(ctx);
  if (missing) return missing;
  const schema = ctx.config.scratchSchema;
  const scratch = `${schema}.chaincheck_copy_${randomBytes(6).toString("hex")}`;
  const prepare = [`create table if not exists ${scratch} (like ${copyTable})`];
  if (schema !== "public") prepare.unshift(`create schema if not exists ${schema}`);
  const dropSql = `drop table if exists ${scratch}`;
  const dropScratch = once(() => runStatement(ctx, dropSql));
  // Ctrl-C / SIGTERM during the run: the CLI drops the scratch table before the target closes,
  // once the statements already submitted (a CREATE, the COPY) have ended. A DROP the run had in
  // flight is refused its polls by the interrupt, so the cleanup sends it again (it is idempotent).
  const unregister = registerCleanup(`drop scratch table ${scratch}`, async () => {
    await settleOpenStatements();
    return dropScratch().catch(() => runStatement(ctx, dropSql));
  });
  let outcome: LinkOutcome;
  try {
    outcome = await copyIntoScratch(ctx, prepare, scratch, copySource, copyRoleArn);
  } catch (error) {
    outcome = outcomeForCallError(
      ctx,
      { id: "copy", name: "COPY", facts: { source: copySource, roleArn: copyRoleArn } },
      error,
    );
  } finally {
    // Only the error's name: an AWS message may carry ARNs, never secrets, but keep it short here.
    const dropped = await dropScratch().catch((e: unknown) => ({
      status: "ERROR",
      error: (e as Error).name,
    }));
    unregister();
    if (dropped.status !== "FINISHED") {
      addCheck(ctx, {
        id: "scratch-table-cleanup",
        name: "scratch table cleanup",
        status: "error",
        detail: `could not drop ${scratch} (${dropped.status}${dropped.error ? `: ${dropped.error.split("\n")[0]}` : ""}); run: drop table if exists ${scratch};`,
        facts: { table: scratch, status: dropped.status },
      });
    }
  }
  if (outcome.status === "pass" && ctx.checks.some((c) => c.id === "scratch-table-cleanup"))
    return { status: "error", note: `scratch table ${scratch} was left behind` };
  return outcome;
}

async function copyIntoScratch(
  ctx: LinkContext,
  prepare: string[],
  scratch: string,
  source: string,
  roleArn: string,
): Promise<LinkOutcome> {
  const { copyOptions } = ctx.config;
  for (const sql of prepare) {
    const prep = await runStatement(ctx, sql);
    const fault = statementTargetFault(ctx, prep);
    if (fault)
      return targetErrorOutcome(
        ctx,
        { id: "scratch-table", name: "scratch table", facts: { ...statementFacts(prep), sql } },
        fault,
      );
    if (prep.status !== "FINISHED") {
      addCheck(ctx, {
        id: "scratch-table",
        name: "scratch table",
        status: "fail",
        detail: `${sql}: ${prep.status} ${prep.error ?? ""}`.trim(),
        facts: { ...statementFacts(prep), sql },
      });
      return { status: "fail", note: prep.error };
    }
  }
  const copy = await runStatement(
    ctx,
    `copy ${scratch} from ${sqlLiteral(source)} iam_role ${sqlLiteral(roleArn)} ${copyOptions}`,
  );
  const check = { id: "copy", name: "COPY" } as const;
  const facts = { ...statementFacts(copy), source, roleArn };
  const fault = statementTargetFault(ctx, copy);
  if (fault) return targetErrorOutcome(ctx, { ...check, facts }, fault);
  if (copy.status !== "FINISHED") {
    const ids = [`statement ${copy.id}`];
    if (facts.queryId) ids.push(`query ${facts.queryId}`);
    addCheck(ctx, {
      ...check,
      status: "fail",
      detail: `COPY (${ids.join(", ")}) ended ${copy.status}: ${copy.error ?? ""}`.trim(),
      facts,
    });
    return { status: "fail", note: copy.error };
  }
  const rows = await rowsLoaded(ctx, copy, scratch);
  if (typeof rows === "string") return targetErrorOutcome(ctx, { ...check, facts }, rows);
  if (rows < 1) {
    addCheck(ctx, {
      ...check,
      status: "fail",
      detail: `COPY from ${source} finished but loaded no rows`,
      facts: { ...facts, rows },
    });
    return { status: "fail" };
  }
  addCheck(ctx, {
    ...check,
    status: "pass",
    detail: `COPY from ${source} loaded ${rows} rows with ${roleArn}`,
    facts: { ...facts, rows },
  });
  await sourceReadControl(ctx);
  return { status: "pass" };
}

/** A SQL string literal (the config already refuses quotes; this keeps the statement whole regardless). */
function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

async function sourceReadControl(ctx: LinkContext): Promise<void> {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(ctx.config.copySource ?? "");
  const session = ctx.state.bRoleCredentials;
  if (!match || !session) return;
  const [, bucket, prefix] = match;
  await runControl(ctx, `s3 ListObjectsV2 on s3://${bucket}/${prefix} as B's chain role`, async () => {
    await ctx.recorder.call("s3", "ListObjectsV2", () =>
      new S3Client(ctx.clientSettings(session)).send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }),
      ),
    );
    return { allowed: true, detail: "the listing was returned" };
  });
}

/** Rows this COPY statement loaded: its own ResultRows, else the fresh scratch table's count. */
async function rowsLoaded(
  ctx: LinkContext,
  copy: StatementOutcome,
  scratch: string,
): Promise<number | string> {
  if (copy.resultRows !== undefined && copy.resultRows > 0) return copy.resultRows;
  const count = await runStatement(ctx, `select count(*) from ${scratch}`);
  const fault = statementTargetFault(ctx, count);
  if (fault) return fault;
  return count.result?.Records?.[0]?.[0]?.longValue ?? 0;
}

/**
 * The first call runs `run`; every later call gets the same promise — unless it failed, so that an
 * interrupted run's cleanup can still send the DROP a refused or failed first attempt did not.
 */
function once<T>(run: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    started ??= run().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    return started;
  };
}
