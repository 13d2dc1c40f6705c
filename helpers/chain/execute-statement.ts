/**
 * Link 4 — `execute-statement`: a probe query through the Data API runs to FINISHED and returns the
 * expected row; keeps the RedshiftQueryId. SQL errors are FAILED statements, not API errors.
 */
import { ExecuteStatementCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import type { CheckOf } from "../report/types.ts";
import { addCheck, missingBRoleCredentials, outcomeForCallError, targetErrorOutcome } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { controlName, runControl } from "./negative-control.ts";
import {
  dataApiTarget,
  runStatement,
  type StatementFacts,
  statementFacts,
  statementTargetFault,
} from "./statement.ts";

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
    const fault = statementTargetFault(ctx, outcome);
    if (fault) return targetErrorOutcome(ctx, PROBE, fault);
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
    await statementControl(ctx);
    return { status: "pass" };
  } catch (error) {
    return outcomeForCallError(ctx, PROBE, error);
  }
}

/**
 * Control: the Data API must refuse a statement it cannot authorize — with a DbUser, as a DB user no
 * policy grants (the Data API's implicit GetClusterCredentials check); otherwise as the origin
 * identity in A. One ExecuteStatement of `select 1`; an accepted submission counts as allowed.
 */
async function statementControl(ctx: LinkContext): Promise<void> {
  const target = dataApiTarget(ctx.config);
  const asGhost = target.DbUser !== undefined && !target.WorkgroupName;
  const who = asGhost ? ctx.state.bRoleCredentials : ctx.state.originCredentials;
  if (!who) return;
  const dbUser = asGhost ? controlName("chaincheck_control_") : target.DbUser;
  const call = asGhost
    ? `redshift-data ExecuteStatement as DB user ${dbUser} (B's role)`
    : "redshift-data ExecuteStatement as the origin identity in A";
  await runControl(ctx, call, async () => {
    const out = await ctx.recorder.call("redshift-data", "ExecuteStatement", () =>
      new RedshiftDataClient(ctx.clientSettings(who)).send(
        new ExecuteStatementCommand({
          ...target,
          DbUser: dbUser,
          Sql: "select 1",
          StatementName: "chaincheck-control",
        }),
      ),
    );
    return { allowed: true, detail: `the statement was accepted (${out.Id})` };
  });
}
