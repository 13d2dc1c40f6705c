/**
 * Small helpers for link implementations: record a check, and turn an AWS call failure into the
 * right check status — a target fault (a 501 gap, a 5xx or throttling that outlasted the retries, a
 * dropped connection, an answer the SDK cannot read) is `error` ("the target …", exit 3) and never
 * reaches the diagnosis; any other AWS error is the setup's answer, a `fail`. Every check carries its id and, where it saw anything, its
 * facts (helpers/report/types.ts): the diagnosis reads those, never the name or detail.
 */
import { AwsCallError, targetFaultText } from "../aws/call-recorder.ts";
import type { CheckOf, CheckResult } from "../report/types.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";

/** Checks several links share: the origin identity (link 2) and B's role session (links 3–5). */
export type CommonCheck =
  | CheckOf<"origin-identity", Record<string, never>>
  | CheckOf<"b-role-credentials", Record<string, never>>;

export function addCheck(ctx: LinkContext, check: CheckResult): void {
  ctx.checks.push(check);
}

/** A check's id, name and facts, before its status and detail are known. */
export type CheckHead = CheckResult extends infer C
  ? C extends CheckResult
    ? Omit<C, "status" | "detail">
    : never
  : never;

/** Outcome for an AWS error thrown by a call the link depends on (the error itself is the link's `error`). */
export function outcomeForCallError(ctx: LinkContext, head: CheckHead, error: unknown): LinkOutcome {
  if (!(error instanceof AwsCallError)) throw error;
  const e = error.linkError;
  if (e.targetFault) {
    const text = targetFaultText(e, error.retries);
    addCheck(ctx, { ...head, status: "error", detail: text } as CheckResult);
    return {
      status: "error",
      error: e,
      note: e.targetFault === "gap" ? `target gap: ${e.service} ${e.operation}` : text,
    };
  }
  addCheck(ctx, { ...head, status: "fail", detail: `${e.code}: ${e.message}` } as CheckResult);
  return { status: "fail", error: e };
}

/** A check the target could not carry out (an emulator gap, a statement it left running): `error`. */
export function targetErrorOutcome(ctx: LinkContext, head: CheckHead, text: string): LinkOutcome {
  addCheck(ctx, { ...head, status: "error", detail: text } as CheckResult);
  return { status: "error", note: text };
}

/** The link's status from its checks: any fail → fail, else any error → error, else pass. */
export function outcomeFromChecks(ctx: LinkContext): LinkOutcome {
  if (ctx.checks.some((c) => c.status === "fail")) return { status: "fail" };
  if (ctx.checks.some((c) => c.status === "error")) return { status: "error" };
  return { status: "pass" };
}

export function accountOfArn(arn: string): string | undefined {
  return arn.split(":")[4] || undefined;
}

/** Links 3–5 act as B's role: without link 2's credentials they cannot be checked. */
export function missingBRoleCredentials(ctx: LinkContext): LinkOutcome | undefined {
  if (ctx.state.bRoleCredentials) return undefined;
  addCheck(ctx, {
    id: "b-role-credentials",
    name: "B-role credentials",
    status: "error",
    detail: "could not check: link assume-role produced no B-role credentials",
  });
  return { status: "error" };
}
