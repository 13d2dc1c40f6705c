/**
 * evaluate / explain: AWS's policy evaluation logic for one request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * 1. An explicit Deny in any policy in play wins (SCP, resource/trust, identity, boundary, session).
 * 2. SCPs: every level of the organisation must have an Allow.
 * 3. Cross-account (resourceAccount ≠ caller's account): the identity side (identity policies, cut
 *    down by the boundary and session policies) AND the resource policy must both allow.
 *    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * 4. Same account: the identity side OR the resource policy suffices, with the documented nuances:
 *    a resource policy naming the IAM user ARN or the role *session* ARN (or `*`, or excluding the
 *    caller through NotPrincipal) grants directly and is not limited by an implicit deny in identity
 *    policies, the boundary or session policies; one naming the role ARN (or a service/federated
 *    principal) is not limited by identity policies but is by an implicit deny in the boundary or a
 *    session policy; one naming the account only delegates to identity policies.
 *    https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *    https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 * 5. Role trust (`isRoleTrust`): the trust policy must allow, even within one account.
 * 6. Service principals (`kind: "service"`) have no identity side: only the resource/trust policy.
 *
 * Known gaps: no RCPs, VPC endpoint policies, ACLs or S3 Block Public Access; SCPs are applied as
 * given (callers omit them for the management account and for service principals).
 */
import { betterGrant, type GrantKind } from "./match-principal.ts";
import { matchStatement } from "./match-statement.ts";
import { parsePolicy } from "./parse-policy.ts";
import type {
  AuthzRequest,
  EvaluationResult,
  Explanation,
  NamedPolicy,
  PolicySet,
  PolicyType,
  StatementExplanation,
  TraceStep,
} from "./types.ts";

interface Scan {
  allows: TraceStep[];
  denies: TraceStep[];
  grant?: GrantKind;
}

function scan(
  np: NamedPolicy,
  request: AuthzRequest,
  out?: StatementExplanation[],
  hasBoundary = false,
): Scan {
  const kind = np.type === "resource" && request.isRoleTrust ? "trust" : np.type;
  const policy = parsePolicy(np.document, kind);
  const result: Scan = { allows: [], denies: [] };
  for (const s of policy.statements) {
    const v = matchStatement(policy, s, request, out !== undefined, hasBoundary);
    out?.push({
      policyType: np.type,
      policyName: np.name,
      statementIndex: s.index,
      statementSid: s.sid,
      effect: s.effect,
      applies: v.applies,
      action: v.action,
      resource: v.resource,
      principal: v.principal,
      condition: v.condition,
      failedCondition: v.failedCondition,
    });
    if (!v.applies) continue;
    const step: TraceStep = {
      policyType: np.type,
      policyName: np.name,
      statementSid: s.sid,
      statementIndex: s.index,
      effect: s.effect,
      note: v.grant ? `principal matched as ${v.grant}` : undefined,
    };
    if (s.effect === "Deny") result.denies.push(step);
    else {
      result.allows.push(step);
      result.grant = betterGrant(result.grant, v.grant);
    }
  }
  return result;
}

function scanAll(list: NamedPolicy[] | undefined, request: AuthzRequest, out?: StatementExplanation[]): Scan {
  const total: Scan = { allows: [], denies: [] };
  for (const np of list ?? []) {
    const r = scan(np, request, out);
    total.allows.push(...r.allows);
    total.denies.push(...r.denies);
  }
  return total;
}

function run(request: AuthzRequest, policies: PolicySet, out?: StatementExplanation[]): EvaluationResult {
  const scpLevels = (policies.scps ?? []).map((level) => scanAll(level, request, out));
  const resource = policies.resource ? scan(policies.resource, request, out, !!policies.boundary) : undefined;
  const identity = scanAll(policies.identity, request, out);
  const boundary = policies.boundary ? scan(policies.boundary, request, out) : undefined;
  const session = policies.session?.length ? scanAll(policies.session, request, out) : undefined;
  const resourceType: PolicyType = request.isRoleTrust ? "trust" : (policies.resource?.type ?? "resource");
  const crossAccount =
    request.principal.kind !== "service" &&
    request.resourceAccount !== undefined &&
    request.resourceAccount !== request.principal.account;

  const denyOrder: Array<[PolicyType, Scan | undefined]> = [
    ...scpLevels.map((l): [PolicyType, Scan] => ["scp", l]),
    [resourceType, resource],
    ["identity", identity],
    ["boundary", boundary],
    ["session", session],
  ];
  for (const [type, s] of denyOrder) {
    if (!s || s.denies.length === 0) continue;
    const first = s.denies[0];
    const otherAccountResource = (type === "resource" || type === "trust") && crossAccount;
    return {
      decision: "ExplicitDeny",
      trace: s.denies,
      deniedBy: { policyType: type, policyName: first.policyName },
      plainMessage: type === "trust" || otherAccountResource,
    };
  }

  if (scpLevels.some((l) => l.allows.length === 0)) {
    return { decision: "ImplicitDeny", trace: [], missing: ["scp"] };
  }
  const scpTrace = scpLevels.flatMap((l) => l.allows);
  const grant = resource?.grant;
  const allow = (...parts: Array<Scan | undefined>): EvaluationResult => ({
    decision: "Allow",
    trace: [...scpTrace, ...parts.flatMap((p) => p?.allows ?? [])],
    resourceGrant: grant,
  });
  const deny = (missing: PolicyType[]): EvaluationResult => ({
    decision: "ImplicitDeny",
    trace: [],
    missing,
    resourceGrant: grant,
    // AWS names no reason when the other account's resource policy, or a trust policy, failed to
    // allow (docs/failures.md L2-01); the caller's own policies get the "because no …" suffix.
    plainMessage: missing[0] === "trust" || (missing[0] === resourceType && crossAccount),
  });

  if (request.principal.kind === "service") return grant ? allow(resource) : deny([resourceType]);

  const identityOk = identity.allows.length > 0;
  const boundaryOk = !boundary || boundary.allows.length > 0;
  const sessionOk = !session || session.allows.length > 0;
  const identitySide: PolicyType[] = [];
  if (!identityOk) identitySide.push("identity");
  if (!boundaryOk) identitySide.push("boundary");
  if (!sessionOk) identitySide.push("session");
  const identityChainOk = identitySide.length === 0;

  if (request.isRoleTrust && !grant) {
    // Name the caller's own gap first: that is what AWS reports when both sides fail (L1-02).
    return deny([...identitySide, resourceType]);
  }
  if (crossAccount) {
    if (identityChainOk && grant) return allow(identity, boundary, session, resource);
    return deny(grant ? identitySide : [...identitySide, resourceType]);
  }
  if (identityChainOk) return allow(identity, boundary, session, request.isRoleTrust ? resource : undefined);
  if (grant === "direct") return allow(resource);
  if ((grant === "role" || grant === "any") && boundaryOk && sessionOk) return allow(resource);
  if (grant === "role" || grant === "any") return deny(identitySide.filter((t) => t !== "identity"));
  return deny(policies.resource && !grant ? [...identitySide, resourceType] : identitySide);
}

/** The decision for one request. Throws PolicyValidationError if a document is malformed. */
export function evaluate(request: AuthzRequest, policies: PolicySet): EvaluationResult {
  return run(request, policies);
}

/** The decision plus every statement's verdict (what matched, which condition failed). */
export function explain(request: AuthzRequest, policies: PolicySet): Explanation {
  const statements: StatementExplanation[] = [];
  const result = run(request, policies, statements);
  return { ...result, statements };
}
