/**
 * denyMessage: AWS's AccessDenied text for a denied request, with the reason suffix AWS adds to
 * newer messages. https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 *
 * A trust-policy denial on AssumeRole, and a denial by another account's resource policy, come back
 * as the plain text (docs/failures.md L2-01); the result's `plainMessage` carries that.
 * The policy ARN follows "with an explicit deny in …" only when the deciding policy has one (managed
 * identity policies, boundaries, SCPs); inline and resource policies are named by type only.
 */
import type { EvaluationResult, PolicyType } from "./types.ts";

const NOUN: Record<PolicyType, string> = {
  identity: "identity-based policy",
  resource: "resource-based policy",
  trust: "resource-based policy",
  boundary: "permissions boundary",
  session: "session policy",
  scp: "service control policy",
};
const ARTICLE: Record<PolicyType, string> = {
  identity: "an",
  resource: "a",
  trust: "a",
  boundary: "a",
  session: "a",
  scp: "a",
};
/** Which gap AWS names when several policy types failed to allow. */
const REASON_ORDER: PolicyType[] = ["scp", "identity", "boundary", "session", "resource", "trust"];

export interface DenyMessageInput {
  callerArn: string;
  action: string;
  resource: string;
}

export function denyMessage(
  result: EvaluationResult,
  { callerArn, action, resource }: DenyMessageInput,
): string {
  const base = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
  if (result.decision === "Allow" || result.plainMessage) return base;
  if (result.decision === "ExplicitDeny" && result.deniedBy) {
    const { policyType, policyName } = result.deniedBy;
    const arn = policyName.startsWith("arn:") && policyType !== "resource" ? `: ${policyName}` : "";
    return `${base} with an explicit deny in ${ARTICLE[policyType]} ${NOUN[policyType]}${arn}`;
  }
  const reason = REASON_ORDER.find((t) => result.missing?.includes(t));
  if (!reason) return base;
  return `${base} because no ${NOUN[reason]} allows the ${action} action`;
}
