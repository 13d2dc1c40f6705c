/**
 * Classifier rules for link 1 and 2 texts: Lambda deploy errors, STS AssumeRole answers, caller
 * credential problems and explicit denies anywhere in the chain (docs/failures.md LINK 1, LINK 2, §7).
 */
import type { LinkId } from "../../links.ts";
import { one, type Rule, ranked, rule } from "./classifier-rule.ts";

/** The link an action belongs to in this chain. */
export function linkOfAction(action: string | undefined, operation?: string): LinkId | undefined {
  const a = action ?? "";
  if (/^sts:/.test(a) || operation === "AssumeRole") return "assume-role";
  if (
    /^redshift:(GetClusterCredentials|CreateClusterUser|JoinGroup)|^redshift-serverless:GetCredentials|^secretsmanager:/.test(
      a,
    )
  )
    return "cluster-credentials";
  if (/^redshift-data:|^redshift:/.test(a)) return "execute-statement";
  if (/^(s3|kms):/.test(a)) return "copy-from-s3";
  if (/^lambda:/.test(a)) return "lambda-role";
  return undefined;
}

const isAssumeRole = (action?: string, operation?: string) =>
  action === "sts:AssumeRole" || (!action && operation === "AssumeRole");

const ASSUME_SETTLE =
  "iam:SimulatePrincipalPolicy on the execution role in A settles A's side; iam:GetRole on B's role (its trust policy) in B settles the rest";

export const STS_IAM_RULES: Rule[] = [
  rule("lambda-deploy-trust-rejected", (e) =>
    /cannot be assumed by Lambda/i.test(e.message)
      ? one("lambda-role", "lambda-trust-missing", "Lambda rejected the execution role at deploy time")
      : undefined,
  ),
  rule("lambda-function-not-found", (e) =>
    /Function not found: arn:aws/i.test(e.message) ||
    (e.code === "ResourceNotFoundException" && e.service === "lambda")
      ? one("lambda-role", "lambda-function-not-found")
      : undefined,
  ),
  rule("lambda-task-timed-out", (e) =>
    /Task timed out after/i.test(e.message)
      ? ranked(
          "lambda-role",
          ["lambda-no-network-route", "statement-timeout"],
          "ListStatements with B's role: a running statement means a long COPY, no statement means no route",
        )
      : undefined,
  ),
  // The caller is an IAM user (or A's principal) calling a B-side Redshift action: not B's session.
  rule("redshift-call-not-from-b-session", (e, f) =>
    f.callerArn && !f.callerIsRoleSession && /^redshift(-data)?:/.test(f.action ?? "")
      ? ranked("assume-role", [
          {
            cause: "wrong-account-credentials",
            why: `the caller ${f.callerArn} is not a session of B's role`,
          },
          ...(/explicit deny/.test(e.message)
            ? [{ cause: "explicit-deny" as const, side: "B" as const }]
            : []),
          "dbuser-arn-wrong-account",
        ])
      : undefined,
  ),
  // An SCP refuses the call: the SCP's own cause whatever the link, on the caller's side (an SCP
  // bounds the principals of the account it is attached to), fixed in the management account.
  rule("scp-denied-named", (e, f) => {
    if (
      !/with an explicit deny in a service control policy|because no service control policy allows/.test(
        e.message,
      )
    )
      return undefined;
    const assume = isAssumeRole(f.action, e.operation);
    const link = assume ? "lambda-role" : (linkOfAction(f.action, e.operation) ?? "lambda-role");
    return one(
      link,
      "scp-denied",
      /explicit deny/.test(e.message)
        ? `AWS says: an explicit deny in ${f.deniedBy ?? "a service control policy"}`
        : "AWS says no service control policy allows it",
      assume ? "A" : "B",
    );
  }),
  // A bucket policy's Deny refuses an S3 read: the bucket policy's own cause (side A), whose fix
  // exempts the COPY role from the Deny instead of adding an Allow an explicit Deny would override.
  rule("s3-bucket-policy-deny", (e, f) =>
    /with an explicit deny in a resource-based policy/.test(e.message) && /^s3:/.test(f.action ?? "")
      ? one(
          "copy-from-s3",
          "copy-s3-bucket-policy-explicit-deny",
          "AWS says: an explicit deny in the bucket's resource-based policy",
        )
      : undefined,
  ),
  rule("explicit-deny-named", (e, f) => {
    const m = /with an explicit deny in (?:an? )?([\w -]{1,80}?policy)/.exec(e.message);
    if (!m) return undefined;
    const type = m[1];
    // A secret's resource policy denies the read: the secret's cause, with its policy in the fix.
    if (/resource-based/.test(type) && /^secretsmanager:/.test(f.action ?? ""))
      return one(
        "cluster-credentials",
        "secret-unreadable",
        "AWS says: an explicit deny in the secret's resource policy",
      );
    const side = isAssumeRole(f.action, e.operation) ? "A" : "B";
    const link = isAssumeRole(f.action, e.operation)
      ? "lambda-role"
      : (linkOfAction(f.action, e.operation) ?? "lambda-role");
    return one(link, "explicit-deny", `AWS says: an explicit deny in ${f.deniedBy ?? type}`, side);
  }),
  // A boundary that merely lacks the Allow: AWS's reason names it, and no Deny is involved.
  rule("boundary-no-allow", (e, f) => {
    if (!/because no permissions boundary allows/.test(e.message)) return undefined;
    const assume = isAssumeRole(f.action, e.operation);
    const link = assume ? "lambda-role" : (linkOfAction(f.action, e.operation) ?? "lambda-role");
    return one(
      link,
      "boundary-missing-allow",
      "AWS says no permissions boundary allows it",
      assume ? "A" : "B",
    );
  }),
  rule("sts-assume-role-denied", (e, f) => {
    if (
      !isAssumeRole(f.action, e.operation) ||
      !/not authorized|AccessDenied/i.test(`${e.code} ${e.message}`)
    )
      return undefined;
    if (f.resourceArn && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(f.resourceArn))
      return one(
        "assume-role",
        "target-role-arn-malformed",
        `the RoleArn ${f.resourceArn} has no valid account id`,
      );
    const reason = /because no ([\w -]{1,80}?) allows/.exec(e.message)?.[1];
    if (reason === "identity-based policy")
      return one(
        "lambda-role",
        "caller-policy-missing-assume-role",
        "AWS says no identity-based policy in A allows it",
      );
    if (reason === "service control policy")
      return one("lambda-role", "scp-denied", "AWS says no service control policy on A allows it", "A");
    if (reason)
      return one(
        "lambda-role",
        "explicit-deny",
        `AWS says no ${reason} allows it (a guardrail in A, not the role's own policy)`,
        "A",
      );
    const externalIdHint = /external ?id/i.test(e.message);
    return ranked(
      "assume-role",
      [
        ...(externalIdHint ? ["trust-policy-external-id" as const] : []),
        {
          cause: "trust-policy-missing-principal",
          why: "no `because …` reason: AWS leaves it out when a trust policy decides",
        },
        ...(externalIdHint ? [] : ["trust-policy-external-id" as const]),
        {
          cause: "caller-policy-missing-assume-role",
          why: "older texts carry no reason for A's side either",
        },
        "trust-policy-stale-principal",
        { cause: "target-role-arn-malformed", why: "a role that does not exist gives the same text" },
        { cause: "scp-denied", side: "A", why: "an SCP on A would normally be named in the text" },
      ],
      ASSUME_SETTLE,
    );
  }),
  rule("sts-tag-session-denied", (_e, f) =>
    f.action === "sts:TagSession" ? one("assume-role", "session-tags-not-allowed") : undefined,
  ),
  rule("sts-duration-exceeded", (e) =>
    /DurationSeconds exceeds|role chaining|MaxSessionDuration/i.test(e.message)
      ? one("assume-role", "session-duration-exceeded")
      : undefined,
  ),
  rule("sts-session-name-invalid", (e) =>
    /roleSessionName/i.test(e.message) ? one("assume-role", "session-name-invalid") : undefined,
  ),
  rule("sts-region-disabled", (e) =>
    e.code === "RegionDisabledException" || /STS is not activated in this region/.test(e.message)
      ? one("assume-role", "sts-region-disabled")
      : undefined,
  ),
  rule("caller-token-expired", (e) =>
    /^ExpiredToken/.test(e.code ?? "") || /security token included in the request is expired/i.test(e.message)
      ? one("assume-role", "caller-token-expired")
      : undefined,
  ),
  rule("caller-token-invalid", (e) =>
    e.code === "InvalidClientTokenId" ||
    /security token included in the request is invalid|token is malformed or otherwise invalid/i.test(
      e.message,
    )
      ? one("assume-role", "caller-token-invalid")
      : undefined,
  ),
  rule("trust-principal-invalid", (e) =>
    /Invalid principal in policy/i.test(e.message)
      ? one("assume-role", "trust-principal-not-created")
      : undefined,
  ),
  rule("session-policy-rejected", (e) =>
    /^PackedPolicyTooLarge|^MalformedPolicyDocument/.test(e.code ?? "") ||
    /Packed size of session tags/.test(e.message)
      ? one("assume-role", "session-policy-rejected")
      : undefined,
  ),
];
