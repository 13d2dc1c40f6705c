/**
 * Whether one statement applies to a request: Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal (resource and trust policies only) and Condition.
 * Actions match case-insensitively; resources case-sensitively and ARN-segment-aware
 * (wildcard-pattern.ts). A trust policy has no Resource: the role it is attached to is the resource.
 */
import { firstFailingCondition } from "./match-condition.ts";
import { excludedByNotPrincipal, type GrantKind, principalMatches } from "./match-principal.ts";
import type { AuthzRequest, ParsedPolicy, ParsedStatement, RequestContextKeys } from "./types.ts";
import { compilePattern, matchesPattern } from "./wildcard-pattern.ts";

export interface StatementVerdict {
  applies: boolean;
  action: boolean;
  resource: boolean;
  principal?: boolean;
  grant?: GrantKind;
  condition: boolean;
  failedCondition?: string;
}

function actionMatches(s: ParsedStatement, action: string): boolean {
  if (s.action) return s.action.some((a) => matchesPattern(a, action, "action"));
  return !s.notAction!.some((a) => matchesPattern(a, action, "action"));
}

function resourceMatches(
  s: ParsedStatement,
  resource: string,
  vars: RequestContextKeys | undefined,
): boolean {
  const patterns = s.resource ?? s.notResource;
  if (!patterns) return true;
  let hit = false;
  for (const p of patterns) {
    if (p === "*") {
      hit = true;
      continue;
    }
    const re = compilePattern(p, "arn", vars);
    // "If AWS cannot resolve a variable, this might cause the entire statement to be invalid"
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html): an
    // unresolvable Resource entry matches nothing, and one in NotResource makes the statement not
    // apply, so an unresolved variable never widens a statement.
    if (!re) {
      if (s.notResource) return false;
      continue;
    }
    if (re.test(resource)) hit = true;
  }
  return s.resource ? hit : !hit;
}

export function matchStatement(
  policy: ParsedPolicy,
  s: ParsedStatement,
  request: AuthzRequest,
  full = false,
  hasBoundary = false,
): StatementVerdict {
  const vars = policy.version === "2012-10-17" ? request.context : undefined;
  const verdict: StatementVerdict = { applies: false, action: false, resource: false, condition: false };
  verdict.action = actionMatches(s, request.action);
  if (!verdict.action && !full) return verdict;
  verdict.resource = policy.kind === "trust" || resourceMatches(s, request.resource, vars);
  if (!verdict.resource && !full) return verdict;
  if (s.principal || s.notPrincipal) {
    if (s.principal) verdict.grant = principalMatches(s.principal, request.principal);
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
    // permissions boundary policy attached, regardless of the values specified in the NotPrincipal
    // element." https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    else if (s.effect === "Deny" && hasBoundary) verdict.grant = "direct";
    else if (!excludedByNotPrincipal(s.notPrincipal!, request.principal)) verdict.grant = "direct";
    verdict.principal = verdict.grant !== undefined;
    if (!verdict.principal && !full) return verdict;
  }
  verdict.failedCondition = firstFailingCondition(s.conditions, request.context, vars);
  verdict.condition = verdict.failedCondition === undefined;
  verdict.applies = verdict.action && verdict.resource && verdict.principal !== false && verdict.condition;
  return verdict;
}
