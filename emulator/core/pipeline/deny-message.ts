/**
 * AWS's access-denied text for a policy decision. The wording belongs to the policy engine
 * (`denyMessage` in policy/index.ts); this module loads it and falls back to the basic
 * "User: <arn> is not authorized to perform: <action> on resource: <arn>" form while the engine
 * does not export it (it is being written concurrently).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
import type { EvaluationResult } from "../../../policy/types.ts";

export interface DenyContext {
  callerArn: string;
  action: string;
  resource: string;
}

export type DenyMessageFn = (result: EvaluationResult, ctx: DenyContext) => string;

const SUFFIX_BY_TYPE: Record<string, string> = {
  identity: "an identity-based policy",
  resource: "a resource-based policy",
  trust: "a resource-based policy",
  scp: "a service control policy",
  boundary: "a permissions boundary",
  session: "a session policy",
};

export const fallbackDenyMessage: DenyMessageFn = (result, { callerArn, action, resource }) => {
  const base = `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
  if (result.decision === "ExplicitDeny" && result.deniedBy) {
    return `${base} with an explicit deny in ${SUFFIX_BY_TYPE[result.deniedBy.policyType] ?? "a policy"}`;
  }
  const missing = result.missing?.[0];
  if (missing && missing !== "identity") {
    return `${base} because no ${SUFFIX_BY_TYPE[missing]?.replace(/^an? /, "") ?? "policy"} allows the ${action} action`;
  }
  return `${base} because no identity-based policy allows the ${action} action`;
};

let loaded: Promise<DenyMessageFn> | undefined;

/** The policy engine's `denyMessage`, or the fallback when policy/index.ts does not provide one yet. */
export function loadDenyMessage(): Promise<DenyMessageFn> {
  loaded ??= (async () => {
    try {
      // A computed specifier keeps this building while policy/index.ts does not exist yet.
      const specifier = new URL("../../../policy/index.ts", import.meta.url).href;
      const mod = (await import(specifier)) as { denyMessage?: DenyMessageFn };
      return typeof mod.denyMessage === "function" ? mod.denyMessage : fallbackDenyMessage;
    } catch {
      return fallbackDenyMessage;
    }
  })();
  return loaded;
}
