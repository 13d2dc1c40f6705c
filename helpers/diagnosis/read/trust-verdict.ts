/**
 * Evaluates a trust policy read from B with the project's policy engine: would it let the chain's
 * caller (A's execution-role session) assume the role with the configured ExternalId? And if not,
 * why: a statement naming the caller whose ExternalId condition fails, AROA principals that match
 * nobody, or no statement naming the caller at all.
 */
import { explain, type PrincipalInfo } from "../../../policy/index.ts";
import { accountOf } from "../catalog/fix-values.ts";

export interface TrustVerdict {
  allows: boolean;
  /** A statement matched everything but its sts:ExternalId condition. */
  externalIdMismatch: boolean;
  expectedExternalId?: string;
  /** AROA… principals that are not the caller role's current unique id. */
  staleIds: string[];
}

export function sessionPrincipal(roleArn: string, sessionName: string, roleId?: string): PrincipalInfo {
  const account = accountOf(roleArn) ?? "";
  const roleName = roleArn.split("/").pop() ?? roleArn;
  return {
    arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    account,
    kind: "assumed-role",
    roleArn,
    userId: `${roleId ?? "AROAUNKNOWN"}:${sessionName}`,
    uniqueId: roleId,
  };
}

/** Every `AWS` principal string in a policy document. */
export function awsPrincipals(doc: object): string[] {
  const statements = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const out: string[] = [];
  for (const s of list as { Principal?: unknown }[]) {
    const p = s.Principal;
    if (p === "*") out.push("*");
    else if (p && typeof p === "object") {
      const aws = (p as { AWS?: string | string[] }).AWS;
      if (aws) out.push(...(Array.isArray(aws) ? aws : [aws]));
    }
  }
  return out;
}

export function trustVerdict(
  trust: object,
  roleArn: string,
  caller: PrincipalInfo,
  externalId: string | undefined,
): TrustVerdict {
  const result = explain(
    {
      principal: caller,
      action: "sts:AssumeRole",
      resource: roleArn,
      resourceAccount: accountOf(roleArn),
      context: {
        "aws:PrincipalArn": caller.roleArn ?? caller.arn,
        "aws:PrincipalAccount": caller.account,
        "aws:PrincipalType": "AssumedRole",
        "aws:userid": caller.userId,
        "sts:ExternalId": externalId,
      },
      isRoleTrust: true,
    },
    { identity: [], resource: { type: "trust", name: `${roleArn} trust policy`, document: trust } },
  );
  const mismatch = result.statements.find(
    (s) =>
      s.effect === "Allow" &&
      s.action &&
      s.principal &&
      !s.condition &&
      /sts:ExternalId/i.test(s.failedCondition ?? ""),
  );
  let expectedExternalId: string | undefined;
  if (mismatch) {
    const statements = (trust as { Statement?: unknown }).Statement;
    const list = (Array.isArray(statements) ? statements : [statements]) as {
      Condition?: Record<string, Record<string, unknown>>;
    }[];
    for (const op of Object.values(list[mismatch.statementIndex]?.Condition ?? {})) {
      const key = Object.keys(op).find((k) => k.toLowerCase() === "sts:externalid");
      if (key) expectedExternalId = ([] as unknown[]).concat(op[key]).map(String).join(" or ");
    }
  }
  const staleIds = awsPrincipals(trust).filter((p) => /^AROA[A-Z0-9]+$/.test(p) && p !== caller.uniqueId);
  return {
    allows: result.decision === "Allow",
    externalIdMismatch: Boolean(mismatch),
    expectedExternalId,
    staleIds,
  };
}
