/**
 * What a link's `pass` proves on this target. A peer emulator may answer every call the chain makes
 * without evaluating a single policy; a green run there would say the setup is right when only the
 * wiring is. So on a target that is neither AWS nor the embedded emulator, each link makes one extra
 * call beside its own — its negative control: the same call, as an identity or on a resource the
 * setup cannot allow — and reads the answer:
 *
 * - refused with a denial (AccessDenied, 403, "… is not authorized …") → the link is `enforced`;
 * - allowed → `not-enforced`: the pass shows the calls are wired, not that the policies are right;
 * - refused for another reason, or failed → `unknown`.
 *
 * `aws` is enforced by definition. The embedded emulator enforces by construction: every request is
 * judged by the project's policy engine (policy/), whose agreement with AWS is tested on its own
 * (test/policy/), so no control runs there. Controls are read-only and create nothing (the Data API
 * control's `select 1`, if a lax target accepts it, reads nothing and writes nothing).
 *
 * A control can also be allowed because the setup's policy is broader than the chain needs (B's
 * role may get credentials for `dbuser:<cluster>/*`): then the target did its job and the finding
 * is about the policy. helpers/chain/broad-policy.ts tells the two apart when it can read the policy.
 *
 * Known gaps: a target that refuses the control for a reason it shares with AWS but still skips
 * other policies (e.g. evaluates trust but not bucket policies) is reported `enforced` for that link.
 */
import { randomBytes } from "node:crypto";
import { AwsCallError } from "../aws/call-recorder.ts";
import type { Assurance, ControlResult, LinkReport } from "../report/types.ts";
import type { LinkContext } from "./context.ts";

const DENIAL = /AccessDenied|not authorized|Unauthorized|Forbidden|permission denied/i;

/** Targets whose answers need no control: AWS itself, and the project's own emulator. */
export function controlsRun(target: string): boolean {
  return target !== "aws" && target !== "embedded";
}

/** A name that no policy of the setup can mean (random suffix, created nowhere). */
export function controlName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString("hex")}`;
}

/**
 * Runs `send` as the link's control and records the outcome on the context. `allowed` decides from a
 * successful answer (a statement that ran to FINISHED, credentials returned, …); a thrown AWS error
 * is refused when it is a denial, inconclusive otherwise.
 */
export async function runControl(
  ctx: LinkContext,
  call: string,
  send: () => Promise<{ allowed: boolean; detail: string }>,
): Promise<void> {
  if (!ctx.controls && !controlsRun(ctx.target)) return;
  try {
    const answer = await send();
    ctx.control = {
      call,
      outcome: answer.allowed ? "allowed" : "refused",
      detail: answer.detail,
    };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    const e = error.linkError;
    const denied = !e.targetFault && (e.httpStatus === 403 || DENIAL.test(`${e.code} ${e.message}`));
    ctx.control = {
      call,
      outcome: denied ? "refused" : "inconclusive",
      detail: denied
        ? `refused: ${e.code}`
        : `${e.targetFault ? "the target failed" : "refused for another reason than a denial"}: ${e.code}: ${e.message.split("\n")[0]}`,
    };
  }
}

/** The link's assurance from its target and its control (only meaningful for a link that ran). */
export function assuranceOf(target: string, control: ControlResult | undefined): Assurance {
  if (!controlsRun(target)) return "enforced";
  if (!control) return "unknown";
  if (control.outcome === "refused") return "enforced";
  if (control.outcome === "allowed") return "not-enforced";
  return "unknown";
}

/** The report's assurance: the weakest of its passed links' (`not-enforced` < `unknown` < `enforced`). */
export function reportAssurance(links: LinkReport[]): Assurance {
  const passed = links.filter((l) => l.status === "pass");
  if (passed.some((l) => l.assurance === "not-enforced")) return "not-enforced";
  if (passed.some((l) => l.assurance === "unknown")) return "unknown";
  return "enforced";
}
