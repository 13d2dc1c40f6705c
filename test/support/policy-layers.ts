/**
 * IAM documents and the setup layers that put them on a role, in one line each: a test says which
 * statements change, not the document and role scaffolding around them.
 */
import { A } from "./constants.ts";
import type { Layer } from "./emulator-fixture.ts";

export type Statement = object;

/** A policy document (version 2012-10-17) holding `statements`. */
export const policyDocument = (...statements: Statement[]) => ({
  Version: "2012-10-17",
  Statement: statements,
});

export const allow = (action: string | string[], resource: string | string[], extra: Statement = {}) => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
  ...extra,
});

export const deny = (action: string | string[], resource: string | string[], extra: Statement = {}) => ({
  Effect: "Deny",
  Action: action,
  Resource: resource,
  ...extra,
});

/** A trust statement letting `principal` (e.g. `{ AWS: arn }` or `{ Service: "…" }`) call `action`. */
export const trustStatement = (
  principal: Record<string, unknown>,
  extra: Statement = {},
  action = "sts:AssumeRole",
) => ({
  Effect: "Allow",
  Principal: principal,
  Action: action,
  ...extra,
});

/** The role `account`/`role` with one inline policy `policy` of `statements`, for a setup's `roles`. */
export const roleWithInlinePolicy = (
  account: string,
  role: string,
  policy: string,
  ...statements: Statement[]
) => ({
  account,
  name: role,
  inlinePolicies: [{ name: policy, document: policyDocument(...statements) }],
});

/** A layer giving the role `account`/`role` one inline policy `policy` of `statements`. */
export const inlinePolicyLayer = (
  account: string,
  role: string,
  policy: string,
  ...statements: Statement[]
): Layer => ({
  roles: [roleWithInlinePolicy(account, role, policy, ...statements)],
});

/** A layer setting the trust policy of `account`/`role` to `statements`. */
export const trustLayer = (account: string, role: string, ...statements: Statement[]): Layer => ({
  roles: [{ account, name: role, trustPolicy: policyDocument(...statements) }],
});

/** A key policy's usual first statement: the key's account administers it through IAM. */
export const keyAdminStatement = (account: string, sid = "Enable IAM User Permissions") => ({
  Sid: sid,
  ...allow("kms:*", "*", { Principal: { AWS: `arn:aws:iam::${account}:root` } }),
});

/** A's Lambda role without its inline policy allowing sts:AssumeRole on B's role. */
export const LAMBDA_ROLE_CANNOT_ASSUME: Layer = {
  roles: [
    {
      account: A,
      name: "chaincheck-lambda-role",
      inlinePolicies: [{ name: "assume-redshift-role", $delete: true }],
    },
  ],
};
