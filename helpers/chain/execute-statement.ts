/**
 * Link 4 — `execute-statement`: a probe query through the Data API runs to FINISHED and returns the
 * expected row; keeps the RedshiftQueryId. SQL errors are FAILED statements, not API errors.
 */
import type { CheckOf } from "../report/types.ts";
import { addCheck, missingBRoleCredentials, outcomeForCallError } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { runStatement, type StatementFacts, statementFacts } from "./statement.ts";

/** Link 4's one check: the probe statement, with who it ran as when it finished. */
export type ExecuteStatementCheck = CheckOf<
  "probe-statement",
  Partial<StatementFacts> & { dbUser?: string; database?: string }
>;

const PROBE = { id: "probe-statement", name: "probe statement" } as const;

export const PROBE_SQL = "select current_user as db_user, current_database() as db, 42 as chaincheck_probe";

export async function runExecuteStatement(ctx: LinkContext): Promise<LinkOutcome> {
  const missing = missingBRoleCredentials(ctx);
  if (missing) return missing;
  try {
    const outcome = await runStatement(ctx, PROBE_SQL);
    ctx.state.redshiftQueryId = outcome.redshiftQueryId;
    const facts = statementFacts(outcome);
    if (outcome.status !== "FINISHED") {
      addCheck(ctx, {
        ...PROBE,
        status: "fail",
        detail: `statement ${outcome.id} ended ${outcome.status}: ${outcome.error ?? ""}`.trim(),
        facts,
      });
      return { status: "fail", note: outcome.error };
    }
    const row = outcome.result?.Records?.[0];
    const probe = row?.[2]?.longValue;
    if (probe !== 42) {
      addCheck(ctx, {
        ...PROBE,
        status: "fail",
        detail: `statement ${outcome.id} finished but returned ${JSON.stringify(row)} instead of the probe row`,
        facts,
      });
      return { status: "fail" };
    }
    const dbUser = row?.[0]?.stringValue;
    const database = row?.[1]?.stringValue;
    addCheck(ctx, {
      ...PROBE,
      status: "pass",
      detail: `ran as ${dbUser} in ${database} (query ${outcome.redshiftQueryId})`,
      facts: { ...facts, dbUser, database },
    });
    return { status: "pass" };
  } catch (error) {
    return outcomeForCallError(ctx, PROBE, error);
  }
}
