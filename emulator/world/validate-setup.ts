/**
 * Checks a setup beyond its shape: account references resolve, names are unique, attached and
 * boundary policies exist, every policy document passes the policy engine's validation for its
 * kind, and trust principals name roles/users that exist (IAM refuses to save a trust policy
 * that names a missing principal — docs/failures.md L2-04 — so a setup cannot contain one either),
 * and organizations hold together (validate-organizations.ts).
 *
 * Returns every problem at once, each with the path of the bad field.
 */
import { parsePolicy } from "../../policy/parse-policy.ts";
import { messages, PolicyValidationError } from "../../policy/policy-validation-error.ts";
import type { PolicyKind } from "../../policy/types.ts";
import { awsManagedPolicyArns, findAwsManagedPolicy } from "./aws-managed-policies.ts";
import type { IssueLocation } from "./setup-positions.ts";
import type { Setup } from "./setup-schema.ts";
import { validateOrganization } from "./validate-organizations.ts";
import { policySyntaxElement } from "./validate-setup-policy-syntax.ts";

export interface SetupIssue {
  /** In the merged setup. */
  path: (string | number)[];
  message: string;
  /** Where the user wrote it (set by loadSetup for setups read from files). */
  where?: IssueLocation;
}

type Unresolved = Omit<Setup, "baseDir">;

const SECTIONS_WITH_ACCOUNT = [
  "users",
  "roles",
  "policies",
  "lambdaFunctions",
  "redshiftClusters",
  "serverlessNamespaces",
  "serverlessWorkgroups",
  "secrets",
  "kmsKeys",
  "s3Buckets",
] as const;

/** Resolves account aliases to ids in place; reports unknown references. */
export function resolveAccounts(setup: Unresolved, issues: SetupIssue[]): void {
  const byRef = new Map<string, string>();
  setup.accounts.forEach((a, i) => {
    if (byRef.has(a.id))
      issues.push({ path: ["accounts", i, "id"], message: `duplicate account id ${a.id}` });
    byRef.set(a.id, a.id);
    if (a.alias) {
      if (byRef.has(a.alias))
        issues.push({ path: ["accounts", i, "alias"], message: `duplicate alias ${a.alias}` });
      byRef.set(a.alias, a.id);
    }
  });
  const known = [...byRef.keys()].join(", ");
  const resolve = (ref: string, path: (string | number)[]) => {
    const id = byRef.get(ref);
    if (!id) issues.push({ path, message: `unknown account "${ref}"; expected one of: ${known}` });
    return id ?? ref;
  };
  for (const section of SECTIONS_WITH_ACCOUNT) {
    const items = setup[section] as { account: string }[];
    items.forEach((item, i) => {
      item.account = resolve(item.account, [section, i, "account"]);
    });
  }
  setup.organizations.forEach((org, o) => {
    org.accounts = org.accounts.map((ref, i) => resolve(ref, ["organizations", o, "accounts", i]));
    org.organizationalUnits.forEach((ou, u) => {
      ou.accounts = ou.accounts.map((ref, i) =>
        resolve(ref, ["organizations", o, "organizationalUnits", u, "accounts", i]),
      );
    });
    org.scps.forEach((scp, s) => {
      scp.targets = scp.targets.map((t, i) =>
        t === "root" || t.startsWith("ou-") ? t : resolve(t, ["organizations", o, "scps", s, "targets", i]),
      );
    });
  });
}

function checkDocument(
  doc: string | object,
  kind: PolicyKind,
  path: (string | number)[],
  issues: SetupIssue[],
  principalExists?: (arn: string) => boolean,
): void {
  try {
    parsePolicy(doc, kind, principalExists ? { principalExists } : undefined);
  } catch (err) {
    if (!(err instanceof PolicyValidationError)) throw err;
    const isPrincipal = err.message.startsWith("Invalid principal");
    const hint = isPrincipal
      ? " (no such role or user in this setup; name an existing role/user ARN, an account id, arn:aws:iam::<account>:root, or a service such as lambda.amazonaws.com)"
      : "";
    // IAM names no element for these two; a setup file can (validate-setup-policy-syntax.ts).
    const vague = err.message === messages.syntax || err.message === messages.legacyParsing;
    const element = vague ? policySyntaxElement(doc) : undefined;
    issues.push({
      path: isPrincipal ? [...path, ...principalPath(doc, err.message)] : [...path, ...(element?.path ?? [])],
      message: element ? `${err.message} ${element.hint}` : err.message + hint,
    });
  }
}

/** Where in the document the offending principal sits: Statement[i].Principal. */
function principalPath(doc: string | object, message: string): (string | number)[] {
  const raw = typeof doc === "string" ? (JSON.parse(doc) as unknown) : doc;
  const statements = (raw as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  const arn = message.replace(/^.*"AWS":"/, "").replace(/"$/, "");
  for (let i = 0; i < list.length; i++) {
    const s = list[i] as Record<string, unknown> | undefined;
    for (const field of ["Principal", "NotPrincipal"]) {
      if (s && JSON.stringify(s[field] ?? null).includes(JSON.stringify(arn))) {
        return Array.isArray(statements) ? ["Statement", i, field] : ["Statement", field];
      }
    }
  }
  return [];
}

export function validateReferences(setup: Unresolved, issues: SetupIssue[]): void {
  const principals = new Set<string>();
  for (const r of setup.roles) principals.add(`arn:aws:iam::${r.account}:role${r.path}${r.name}`);
  for (const u of setup.users) principals.add(`arn:aws:iam::${u.account}:user${u.path}${u.name}`);
  const customer = new Set(setup.policies.map((p) => `arn:aws:iam::${p.account}:policy${p.path}${p.name}`));
  const policyExists = (arn: string) => customer.has(arn) || findAwsManagedPolicy(arn) !== undefined;
  const policyHint = `expected a customer managed policy declared under policies or a bundled AWS managed policy (${awsManagedPolicyArns().join(", ")})`;

  const unique = (section: "roles" | "users" | "policies") => {
    const seen = new Map<string, number>();
    setup[section].forEach((item, i) => {
      const key = `${item.account}/${item.name.toLowerCase()}`;
      if (seen.has(key)) {
        issues.push({
          path: [section, i, "name"],
          message: `duplicate name ${item.name} in account ${item.account}`,
        });
      }
      seen.set(key, i);
    });
  };
  unique("roles");
  unique("users");
  unique("policies");

  for (const section of ["roles", "users"] as const) {
    setup[section].forEach((entity, i) => {
      entity.attachedPolicies.forEach((arn, j) => {
        if (!policyExists(arn)) {
          issues.push({
            path: [section, i, "attachedPolicies", j],
            message: `no such policy ${arn}; ${policyHint}`,
          });
        }
      });
      if (entity.permissionsBoundary && !policyExists(entity.permissionsBoundary)) {
        issues.push({
          path: [section, i, "permissionsBoundary"],
          message: `no such policy ${entity.permissionsBoundary}; ${policyHint}`,
        });
      }
      entity.inlinePolicies.forEach((p, j) => {
        checkDocument(p.document, "identity", [section, i, "inlinePolicies", j, "document"], issues);
      });
    });
  }
  // Resource policies resolve role/user principals on save too (S3: "Invalid principal in policy").
  const exists = (arn: string) => principals.has(arn);
  setup.roles.forEach((role, i) => {
    checkDocument(role.trustPolicy, "trust", ["roles", i, "trustPolicy"], issues, exists);
  });
  setup.policies.forEach((p, i) => {
    checkDocument(p.document, "identity", ["policies", i, "document"], issues);
  });
  setup.organizations.forEach((org, o) => {
    validateOrganization(org, o, issues);
    org.scps.forEach((scp, s) => {
      checkDocument(scp.document, "scp", ["organizations", o, "scps", s, "document"], issues);
    });
  });
  setup.s3Buckets.forEach((b, i) => {
    if (b.policy) checkDocument(b.policy, "resource", ["s3Buckets", i, "policy"], issues, exists);
  });
  setup.kmsKeys.forEach((k, i) => {
    if (k.policy) checkDocument(k.policy, "resource", ["kmsKeys", i, "policy"], issues, exists);
  });
  setup.secrets.forEach((s, i) => {
    if (s.policy) checkDocument(s.policy, "resource", ["secrets", i, "policy"], issues, exists);
  });
}
