/**
 * Link 5 — `copy-from-s3`: COPY the configured S3 source into a scratch table shaped like the
 * configured table, check rows arrived, and on failure read the load errors for this query.
 * The scratch table (unique name, in the scratch schema) is dropped in every case; nothing the
 * harness did not create is touched. The default scratch schema is `public`, where Redshift lets
 * every user create tables by default, so the check needs no privilege beyond what the COPY needs;
 * another schema (CHAINCHECK_SCRATCH_SCHEMA) is created if missing, which needs CREATE on the database.
 */
import { randomBytes } from "node:crypto";
import { addCheck, missingTargetCredentials, outcomeForCallError } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { registerCleanup } from "./interrupt-cleanups.ts";
import { runStatement } from "./statement.ts";

export async function runCopyFromS3(ctx: LinkContext): Promise<LinkOutcome> {
  const { copySource, copyRoleArn, table: copyTable, copyOptions } = ctx.config;
  if (!copySource) return { status: "skipped", note: "no COPY source configured (CHAINCHECK_COPY_SOURCE)" };
  if (!copyTable || !copyRoleArn) {
    addCheck(
      ctx,
      "COPY",
      "error",
      "a COPY source needs table (CHAINCHECK_COPY_TABLE) and copyRoleArn (CHAINCHECK_COPY_ROLE_ARN)",
    );
    return { status: "error" };
  }
  const missing = missingTargetCredentials(ctx);
  if (missing) return missing;
  const schema = ctx.config.scratchSchema;
  const scratch = `${schema}.chaincheck_copy_${randomBytes(6).toString("hex")}`;
  const prepare = [`create table ${scratch} (like ${copyTable})`];
  if (schema !== "public") prepare.unshift(`create schema if not exists ${schema}`);
  const dropScratch = () => runStatement(ctx, `drop table if exists ${scratch}`);
  // Ctrl-C / SIGTERM during the run: the CLI drops the scratch table before the target closes.
  const unregister = registerCleanup(`drop scratch table ${scratch}`, dropScratch);
  try {
    for (const sql of prepare) {
      const prep = await runStatement(ctx, sql);
      if (prep.status !== "FINISHED") {
        addCheck(ctx, "scratch table", "fail", `${sql}: ${prep.status} ${prep.error ?? ""}`.trim());
        return { status: "fail", note: prep.error };
      }
    }
    const copy = await runStatement(
      ctx,
      `copy ${scratch} from '${copySource}' iam_role '${copyRoleArn}' ${copyOptions}`,
    );
    if (copy.status !== "FINISHED") {
      addCheck(ctx, "COPY", "fail", `COPY ended ${copy.status}: ${copy.error ?? ""}`.trim());
      return { status: "fail", note: copy.error };
    }
    const count = await runStatement(ctx, `select count(*) from ${scratch}`);
    const rows = count.result?.Records?.[0]?.[0]?.longValue ?? 0;
    if (rows < 1) {
      addCheck(ctx, "COPY", "fail", `COPY from ${copySource} finished but loaded no rows`);
      return { status: "fail" };
    }
    addCheck(ctx, "COPY", "pass", `COPY from ${copySource} loaded ${rows} rows with ${copyRoleArn}`);
    return { status: "pass" };
  } catch (error) {
    return outcomeForCallError(ctx, "COPY", error);
  } finally {
    await dropScratch().catch(() => undefined);
    unregister();
  }
}
