import { type EvaluationResult, type PrincipalInfo, parsePolicy } from "../../policy/index.ts";
import type { DiffCase } from "./differential-cases.ts";

export interface KnownDisagreement {
  name: string;
  doc: string;
  applies: (c: DiffCase, ours: EvaluationResult, oracle: string) => boolean;
}

function facetsListed(aws: string[], p: PrincipalInfo): { some: boolean; all: boolean } {
  const account = aws.some((v) => v === p.account || v === `arn:aws:iam::${p.account}:root`);
  const own = aws.includes(p.arn);
  const role = p.kind === "assumed-role" ? aws.includes(p.roleArn!) : true;
  return { some: account || own || (p.kind === "assumed-role" && role), all: account && own && role };
}

function partiallyListedInNotPrincipal(c: DiffCase): boolean {
  const rp = c.policies.resource;
  if (!rp) return false;
  const parsed = parsePolicy(rp.document, c.request.isRoleTrust ? "trust" : "resource");
  return parsed.statements.some((s) => {
    if (!s.notPrincipal) return false;
    const f = facetsListed(s.notPrincipal.aws, c.request.principal);
    return f.some && !f.all;
  });
}

export const knownDisagreements: KnownDisagreement[] = [
  {
    name: "not-principal-needs-every-facet",
    doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    applies: (c) => partiallyListedInNotPrincipal(c),
  },
  {
    name: "session-policy-does-not-limit-direct-session-grant",
    doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session",
    applies: (c, ours, oracle) =>
      c.policies.session !== undefined &&
      ours.decision === "Allow" &&
      ours.resourceGrant === "direct" &&
      oracle === "ImplicitDeny",
  },
];
