/**
 * Matches the caller against a Principal / NotPrincipal element of a resource or trust policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 *
 * The result says *how* it matched, because AWS treats the grants differently within one account
 * (see evaluate.ts): naming the session or user ARN (or `*`) grants to that principal directly; naming the
 * role ARN grants to every session of the role; naming the account (12-digit id or `:root`) only
 * delegates to the account's own identity policies.
 *
 * A unique id (`AROA…`, `AIDA…`) is what IAM shows after the named principal was deleted; it matches
 * only the principal carrying that id, so a recreated role of the same name no longer matches
 * (docs/failures.md L2-03).

 * A Deny with NotPrincipal always applies to a caller with a permissions boundary (match-statement.ts).
 */
import { UNIQUE_ID } from "./parse-principal.ts";
import type { ParsedPrincipal, PrincipalInfo } from "./types.ts";

export type GrantKind = "direct" | "role" | "any" | "account";

const RANK: Record<GrantKind, number> = { direct: 4, role: 3, any: 2, account: 1 };

export function betterGrant(a: GrantKind | undefined, b: GrantKind | undefined): GrantKind | undefined {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

function accountOf(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(value);
  return m ? m[1] : undefined;
}

function awsValueMatches(value: string, p: PrincipalInfo): GrantKind | undefined {
  if (p.kind === "service") return undefined;
  const account = accountOf(value);
  if (account !== undefined) return p.account === account ? "account" : undefined;
  if (UNIQUE_ID.test(value)) {
    if (p.uniqueId !== value) return undefined;
    return value.startsWith("AROA") ? "role" : "direct";
  }
  if (value.includes(":role/")) return p.kind === "assumed-role" && p.roleArn === value ? "role" : undefined;
  return p.arn === value ? "direct" : undefined;
}

/** How `element` matches principal `p`, or undefined when it does not. */
export function principalMatches(element: ParsedPrincipal, p: PrincipalInfo): GrantKind | undefined {
  // `*` names every caller, this session or user included, so it grants directly like naming the
  // session ARN (iam-simulate agrees; AWS's docs do not spell this case out).
  let best: GrantKind | undefined = element.any ? "direct" : undefined;
  for (const v of element.aws) best = betterGrant(best, awsValueMatches(v, p));
  if (p.kind === "service" && p.service !== undefined) {
    const svc = p.service.toLowerCase();
    if (element.service.some((s) => s.toLowerCase() === svc)) best = betterGrant(best, "any");
  }
  if (p.kind === "federated" && element.federated.includes(p.arn)) best = betterGrant(best, "any");
  if (p.canonicalUserId && element.canonicalUser.includes(p.canonicalUserId)) {
    best = betterGrant(best, "direct");
  }
  return best;
}

/** True when the caller is excluded by a NotPrincipal element (so the statement does not apply).
 *  AWS may check the caller as its account, then its role, then the session, so every one of those
 *  must be listed: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html */
export function excludedByNotPrincipal(element: ParsedPrincipal, p: PrincipalInfo): boolean {
  if (element.any) return true;
  if (p.kind === "service") return p.service !== undefined && element.service.includes(p.service);
  if (p.kind === "federated" && element.federated.includes(p.arn)) return true;
  const listed = (pred: (v: string) => boolean) => element.aws.some(pred);
  const account = listed((v) => accountOf(v) === p.account);
  if (p.kind === "root") return account;
  const own = listed((v) => v === p.arn || (p.kind === "user" && v === p.uniqueId));
  if (p.kind !== "assumed-role") return account && own;
  const role = listed((v) => v === p.roleArn || v === p.uniqueId);
  return account && role && own;
}
