/**
 * Link 4 — `execute-statement`: a probe query through the Data API runs to FINISHED and returns the
 * expected row; keeps the RedshiftQueryId. SQL errors are FAILED statements, not API errors.
 */
import { addCheck, missingTargetCredentials, outcomeForCallError } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { runStatement } from "./statement.ts";

export const PROBE_SQL = "select current_user as db_user, current_database() as db, 42 as chaincheck_probe";

export async function runExecuteStatement(ctx: LinkContext): Promise<LinkOutcome> {
  const missing = missingTargetCredentials(ctx);
  if (missing) return missing;
  try {
    const outcome = await runStatement(ctx, PROBE_SQL);
    ctx.state.redshiftQueryId = outcome.redshiftQueryId;
    if (outcome.status !== "FINISHED") {
      addCheck(
        ctx,
        "probe statement",
        "fail",
        `statement ${outcome.id} ended ${outcome.status}: ${outcome.error ?? ""}`.trim(),
      );
      return { status: "fail", note: outcome.error };
    }
    const row = outcome.result?.Records?.[0];
    const probe = row?.[2]?.longValue;
    if (probe !== 42) {
      addCheck(
        ctx,
        "probe statement",
        "fail",
        `statement ${outcome.id} finished but returned ${JSON.stringify(row)} instead of the probe row`,
      );
      return { status: "fail" };
    }
    addCheck(
      ctx,
      "probe statement",
      "pass",
      `ran as ${row?.[0]?.stringValue} in ${row?.[1]?.stringValue} (query ${outcome.redshiftQueryId})`,
    );
    return { status: "pass" };
  } catch (error) {
    return outcomeForCallError(ctx, "probe statement", error);
  }
}
