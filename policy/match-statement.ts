/**
 * Whether one statement applies to a request: Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal (resource and trust policies only) and Condition.
 * Actions match case-insensitively; resources case-sensitively and ARN-segment-aware
 * (wildcard-pattern.ts). A trust policy has no Resource: the role it is attached to is the resource.
 */
import { firstFailingCondition } from "./match-condition.ts";
import { excludedByNotPrincipal, type GrantKind, principalMatches } from "./match-principal.ts";
import type { AuthzRequest, ParsedPolicy, ParsedStatement, RequestContextKeys } from "./types.ts";
import { matchesPattern } from "./wildcard-pattern.ts";

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
  if (s.resource) return s.resource.some((r) => matchesPattern(r, resource, "arn", vars));
  if (s.notResource) {
    // With NotResource, a pattern whose variable cannot be resolved matches nothing, so it does not
    // exclude the resource.
    return !s.notResource.some((r) => matchesPattern(r, resource, "arn", vars));
  }
  return true;
}

export function matchStatement(
  policy: ParsedPolicy,
  s: ParsedStatement,
  request: AuthzRequest,
  full = false,
): StatementVerdict {
  const vars = policy.version === "2012-10-17" ? request.context : undefined;
  const verdict: StatementVerdict = { applies: false, action: false, resource: false, condition: false };
  verdict.action = actionMatches(s, request.action);
  if (!verdict.action && !full) return verdict;
  verdict.resource = policy.kind === "trust" || resourceMatches(s, request.resource, vars);
  if (!verdict.resource && !full) return verdict;
  if (s.principal || s.notPrincipal) {
    if (s.principal) verdict.grant = principalMatches(s.principal, request.principal);
    else if (!excludedByNotPrincipal(s.notPrincipal!, request.principal)) verdict.grant = "any";
    verdict.principal = verdict.grant !== undefined;
    if (!verdict.principal && !full) return verdict;
  }
  verdict.failedCondition = firstFailingCondition(s.conditions, request.context, vars);
  verdict.condition = verdict.failedCondition === undefined;
  verdict.applies = verdict.action && verdict.resource && verdict.principal !== false && verdict.condition;
  return verdict;
}
