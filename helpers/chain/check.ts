/**
 * Small helpers for link implementations: record a check, and turn an AWS call failure into the
 * right check status — a target gap (501) is `error` ("the target cannot check this"), any other
 * AWS error is a `fail` of the setup.
 */
import { AwsCallError, isTargetGap } from "../aws/call-recorder.ts";
import type { CheckResult } from "../report/types.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";

export function addCheck(
  ctx: LinkContext,
  name: string,
  status: CheckResult["status"],
  detail: string,
): void {
  ctx.checks.push({ name, status, detail });
}

/** Outcome for an AWS error thrown by a call the link depends on. */
export function outcomeForCallError(ctx: LinkContext, checkName: string, error: unknown): LinkOutcome {
  if (!(error instanceof AwsCallError)) throw error;
  const e = error.linkError;
  if (isTargetGap(error)) {
    addCheck(
      ctx,
      checkName,
      "error",
      `the target cannot check this: ${e.service} ${e.operation} is not implemented there`,
    );
    return { status: "error", error: e, note: `target gap: ${e.service} ${e.operation}` };
  }
  addCheck(ctx, checkName, "fail", `${e.code}: ${e.message}`);
  return { status: "fail", error: e };
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
export function missingTargetCredentials(ctx: LinkContext): LinkOutcome | undefined {
  if (ctx.state.targetCredentials) return undefined;
  addCheck(
    ctx,
    "B-role credentials",
    "error",
    "could not check: link assume-role produced no B-role credentials",
  );
  return { status: "error" };
}
