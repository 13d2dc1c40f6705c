import { describe, expect, it } from "vitest";
import type { AuthzRequest, Decision, PolicySet, PrincipalInfo } from "../../policy/index.ts";
import { buildRequestContext, evaluate } from "../../policy/index.ts";
import {
  A,
  ARTICLE_DBUSER,
  alice,
  articleInline,
  B,
  BUCKET,
  DBNAME,
  DBUSER,
  LAMBDA_ROLE,
  lambdaInline,
  lambdaSession,
  policy,
  REDSHIFT_ROLE,
  redshiftInline,
  redshiftService,
  redshiftSession,
  redshiftTrust,
} from "./seed-world.ts";

const NOW = new Date("2025-01-01T00:00:00Z");

function request(
  principal: PrincipalInfo,
  action: string,
  resource: string,
  resourceAccount?: string,
  extra = {},
): AuthzRequest {
  return {
    principal,
    action,
    resource,
    resourceAccount,
    context: buildRequestContext(principal, extra, NOW),
  };
}
const assumeB = (p: PrincipalInfo = lambdaSession): AuthzRequest => ({
  ...request(p, "sts:AssumeRole", REDSHIFT_ROLE, B),
  isRoleTrust: true,
});
const object = `${BUCKET}/data/part-0001.csv`;
const getObject = policy("identity", "get-object", {
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: `${BUCKET}/*`,
});
const bucketPolicy = (principal: unknown, effect = "Allow") =>
  policy("resource", BUCKET, {
    Effect: effect,
    Principal: principal,
    Action: "s3:GetObject",
    Resource: `${BUCKET}/*`,
  });
const onlySqs = (type: "boundary" | "session") =>
  policy(type, `arn:aws:iam::${A}:policy/only-sqs`, { Effect: "Allow", Action: "sqs:*", Resource: "*" });

interface Row {
  name: string;
  request: AuthzRequest;
  policies: PolicySet;
  decision: Decision;
  missing?: string[];
}

const rows: Row[] = [
  {
    name: "allows the seed's cross-account AssumeRole when identity policy and trust policy both allow",
    request: assumeB(),
    policies: { identity: [lambdaInline], resource: redshiftTrust },
    decision: "Allow",
  },
  {
    name: "denies cross-account AssumeRole when only the identity side allows",
    request: assumeB(),
    policies: {
      identity: [lambdaInline],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:role/other` },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "ImplicitDeny",
    missing: ["trust"],
  },
  {
    name: "denies cross-account AssumeRole when only the trust side allows",
    request: assumeB(),
    policies: { identity: [], resource: redshiftTrust },
    decision: "ImplicitDeny",
    missing: ["identity"],
  },
  {
    name: "allows AssumeRole when the trust names the caller's account root and the identity policy allows",
    request: assumeB(),
    policies: {
      identity: [lambdaInline],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "Allow",
  },
  {
    name: "allows AssumeRole when the trust names the caller's 12-digit account id",
    request: assumeB(),
    policies: {
      identity: [lambdaInline],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: A },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "Allow",
  },
  {
    name: "allows AssumeRole when the trust names the role's unique id and the caller carries it",
    request: assumeB(),
    policies: {
      identity: [lambdaInline],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: "AROAAAAAAAAAAAAAAAAA1" },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "Allow",
  },
  {
    name: "denies AssumeRole from a recreated role whose new unique id differs from the one in the trust",
    request: assumeB({ ...lambdaSession, uniqueId: "AROAZZZZZZZZZZZZZZZZ9" }),
    policies: {
      identity: [lambdaInline],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: "AROAAAAAAAAAAAAAAAAA1" },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "ImplicitDeny",
    missing: ["trust"],
  },
  {
    name: "denies same-account AssumeRole when identity allows but the trust policy does not",
    request: {
      ...request(redshiftSession, "sts:AssumeRole", `arn:aws:iam::${B}:role/other`, B),
      isRoleTrust: true,
    },
    policies: {
      identity: [policy("identity", "all", { Effect: "Allow", Action: "*", Resource: "*" })],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "ImplicitDeny",
    missing: ["trust"],
  },
  {
    name: "allows same-account AssumeRole when the trust names the role ARN even without an identity allow",
    request: {
      ...request(redshiftSession, "sts:AssumeRole", `arn:aws:iam::${B}:role/other`, B),
      isRoleTrust: true,
    },
    policies: {
      identity: [],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: REDSHIFT_ROLE },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "Allow",
  },
  {
    name: "denies same-account AssumeRole when the trust names only the account and no identity policy allows",
    request: {
      ...request(redshiftSession, "sts:AssumeRole", `arn:aws:iam::${B}:role/other`, B),
      isRoleTrust: true,
    },
    policies: {
      identity: [],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "ImplicitDeny",
    missing: ["identity"],
  },
  {
    name: "allows the Redshift service to assume a role whose trust names redshift.amazonaws.com",
    request: { ...request(redshiftService, "sts:AssumeRole", REDSHIFT_ROLE, B), isRoleTrust: true },
    policies: {
      identity: [],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { Service: "redshift.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "Allow",
  },
  {
    name: "denies the Redshift service when the trust names only lambda.amazonaws.com",
    request: { ...request(redshiftService, "sts:AssumeRole", REDSHIFT_ROLE, B), isRoleTrust: true },
    policies: {
      identity: [],
      resource: policy("trust", "trust", {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    },
    decision: "ImplicitDeny",
    missing: ["trust"],
  },
  {
    name: "allows GetClusterCredentials on the real dbuser ARN with the seed's inline policy",
    request: request(redshiftSession, "redshift:GetClusterCredentials", DBUSER, B),
    policies: { identity: [redshiftInline] },
    decision: "Allow",
  },
  {
    name: "allows GetClusterCredentials on the dbname ARN with the seed's inline policy",
    request: request(redshiftSession, "redshift:GetClusterCredentials", DBNAME, B),
    policies: { identity: [redshiftInline] },
    decision: "Allow",
  },
  {
    name: "denies GetClusterCredentials on the real dbuser ARN with the article's user/db ARN",
    request: request(redshiftSession, "redshift:GetClusterCredentials", DBUSER, B),
    policies: { identity: [articleInline] },
    decision: "ImplicitDeny",
    missing: ["identity"],
  },
  {
    name: "allows the article's ARN only for the literal user/db resource it names",
    request: request(redshiftSession, "redshift:GetClusterCredentials", ARTICLE_DBUSER, B),
    policies: { identity: [articleInline] },
    decision: "Allow",
  },
  {
    name: "denies cross-account GetObject when only the identity policy allows",
    request: request(redshiftSession, "s3:GetObject", object, A),
    policies: { identity: [getObject] },
    decision: "ImplicitDeny",
    missing: ["resource"],
  },
  {
    name: "denies cross-account GetObject when only the bucket policy allows",
    request: request(redshiftSession, "s3:GetObject", object, A),
    policies: { identity: [], resource: bucketPolicy({ AWS: REDSHIFT_ROLE }) },
    decision: "ImplicitDeny",
    missing: ["identity"],
  },
  {
    name: "allows cross-account GetObject when identity policy and bucket policy both allow",
    request: request(redshiftSession, "s3:GetObject", object, A),
    policies: { identity: [getObject], resource: bucketPolicy({ AWS: `arn:aws:iam::${B}:root` }) },
    decision: "Allow",
  },
  {
    name: "allows same-account GetObject with only an identity allow",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [getObject], resource: bucketPolicy({ AWS: REDSHIFT_ROLE }) },
    decision: "Allow",
  },
  {
    name: "allows same-account GetObject when the bucket policy names the user ARN and no identity policy allows",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [], resource: bucketPolicy({ AWS: alice.arn }) },
    decision: "Allow",
  },
  {
    name: "denies same-account GetObject when the bucket policy names only the account",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [], resource: bucketPolicy({ AWS: A }) },
    decision: "ImplicitDeny",
    missing: ["identity"],
  },
  {
    name: "allows a bucket-policy grant to the user ARN past a boundary that does not allow it",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [], boundary: onlySqs("boundary"), resource: bucketPolicy({ AWS: alice.arn }) },
    decision: "Allow",
  },
  {
    name: "allows a bucket-policy grant to the session ARN past a session policy that does not allow it",
    request: request(lambdaSession, "s3:GetObject", object, A),
    policies: {
      identity: [],
      session: [onlySqs("session")],
      resource: bucketPolicy({ AWS: lambdaSession.arn }),
    },
    decision: "Allow",
  },
  {
    name: "denies a bucket-policy grant to the role ARN when the boundary does not allow it",
    request: request(lambdaSession, "s3:GetObject", object, A),
    policies: { identity: [], boundary: onlySqs("boundary"), resource: bucketPolicy({ AWS: LAMBDA_ROLE }) },
    decision: "ImplicitDeny",
    missing: ["boundary"],
  },
  {
    name: "denies a bucket-policy grant to the role ARN when the session policy does not allow it",
    request: request(lambdaSession, "s3:GetObject", object, A),
    policies: { identity: [], session: [onlySqs("session")], resource: bucketPolicy({ AWS: LAMBDA_ROLE }) },
    decision: "ImplicitDeny",
    missing: ["session"],
  },
  {
    name: "allows a bucket-policy grant to the role ARN without identity allow when nothing limits it",
    request: request(lambdaSession, "s3:GetObject", object, A),
    policies: { identity: [], resource: bucketPolicy({ AWS: LAMBDA_ROLE }) },
    decision: "Allow",
  },
  {
    name: "denies when identity allows but the permissions boundary does not",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [getObject], boundary: onlySqs("boundary") },
    decision: "ImplicitDeny",
    missing: ["boundary"],
  },
  {
    name: "denies when identity allows but the session policy does not",
    request: request(lambdaSession, "s3:GetObject", object, A),
    policies: { identity: [getObject], session: [onlySqs("session")] },
    decision: "ImplicitDeny",
    missing: ["session"],
  },
  {
    name: "denies cross-account when the boundary cuts the identity side even though the bucket policy allows",
    request: request(redshiftSession, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      boundary: onlySqs("boundary"),
      resource: bucketPolicy({ AWS: REDSHIFT_ROLE }),
    },
    decision: "ImplicitDeny",
    missing: ["boundary"],
  },
  {
    name: "denies when one SCP level has no allow",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      scps: [[policy("scp", "root", { Effect: "Allow", Action: "*", Resource: "*" })], [onlySqs("boundary")]],
    },
    decision: "ImplicitDeny",
    missing: ["scp"],
  },
  {
    name: "allows when every SCP level allows",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      scps: [
        [policy("scp", "root", { Effect: "Allow", Action: "*", Resource: "*" })],
        [policy("scp", "ou", { Effect: "Allow", Action: "s3:*", Resource: "*" })],
      ],
    },
    decision: "Allow",
  },
  {
    name: "denies explicitly when an SCP denies even if everything else allows",
    request: assumeB(),
    policies: {
      identity: [lambdaInline],
      resource: redshiftTrust,
      scps: [
        [
          policy("scp", "arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-1", [
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" },
          ]),
        ],
      ],
    },
    decision: "ExplicitDeny",
  },
  {
    name: "denies explicitly when the bucket policy denies the caller",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [getObject], resource: bucketPolicy("*", "Deny") },
    decision: "ExplicitDeny",
  },
  {
    name: "denies explicitly when a boundary denies",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      boundary: policy("boundary", "b", [
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "s3:*", Resource: "*" },
      ]),
    },
    decision: "ExplicitDeny",
  },
  {
    name: "denies explicitly through a Deny with NotPrincipal that does not list the caller",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      resource: policy("resource", BUCKET, {
        Effect: "Deny",
        NotPrincipal: { AWS: [`arn:aws:iam::${A}:user/bob`, `arn:aws:iam::${A}:root`] },
        Action: "s3:*",
        Resource: "*",
      }),
    },
    decision: "ExplicitDeny",
  },
  {
    name: "skips a Deny with NotPrincipal that lists the user and its account",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      resource: policy("resource", BUCKET, {
        Effect: "Deny",
        NotPrincipal: { AWS: [alice.arn, `arn:aws:iam::${A}:root`] },
        Action: "s3:*",
        Resource: "*",
      }),
    },
    decision: "Allow",
  },
  {
    name: "applies a Deny with NotPrincipal to a listed caller that has a permissions boundary",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [getObject],
      boundary: policy("boundary", "b", { Effect: "Allow", Action: "*", Resource: "*" }),
      resource: policy("resource", BUCKET, {
        Effect: "Deny",
        NotPrincipal: { AWS: [alice.arn, `arn:aws:iam::${A}:root`] },
        Action: "s3:*",
        Resource: "*",
      }),
    },
    decision: "ExplicitDeny",
  },
  {
    name: "matches NotAction: allows actions outside the list",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [policy("identity", "i", { Effect: "Allow", NotAction: "iam:*", Resource: "*" })] },
    decision: "Allow",
  },
  {
    name: "matches NotAction: denies actions inside the list",
    request: request(alice, "s3:GetObject", object, A),
    policies: { identity: [policy("identity", "i", { Effect: "Allow", NotAction: "s3:*", Resource: "*" })] },
    decision: "ImplicitDeny",
    missing: ["identity"],
  },
  {
    name: "matches NotResource: denies everything except the listed bucket",
    request: request(alice, "s3:GetObject", object, A),
    policies: {
      identity: [
        getObject,
        policy("identity", "d", { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::other/*" }),
      ],
    },
    decision: "ExplicitDeny",
  },
];

describe("evaluate", () => {
  it.each(rows)("$name", ({ request: req, policies, decision, missing }) => {
    const result = evaluate(req, policies);
    expect(result.decision).toBe(decision);
    if (missing) expect(result.missing).toEqual(missing);
  });

  it("names the denying SCP in deniedBy", () => {
    const scp = policy("scp", "arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-1", {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
    });
    expect(
      evaluate(assumeB(), { identity: [lambdaInline], resource: redshiftTrust, scps: [[scp]] }).deniedBy,
    ).toEqual({ policyType: "scp", policyName: scp.name });
  });

  it("traces the Allow statements that granted, with Sid and index", () => {
    const withSid = policy("identity", "role/chaincheck-lambda-role/inline/assume-b", {
      Sid: "AssumeB",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: REDSHIFT_ROLE,
    });
    const result = evaluate(assumeB(), { identity: [withSid], resource: redshiftTrust });
    expect(result.trace.map((t) => [t.policyType, t.policyName, t.statementSid, t.statementIndex])).toEqual([
      ["identity", withSid.name, "AssumeB", 0],
      ["trust", redshiftTrust.name, undefined, 0],
    ]);
  });

  it("evaluates JSON text policies the same as objects", () => {
    const text = { ...lambdaInline, document: JSON.stringify(lambdaInline.document) };
    expect(evaluate(assumeB(), { identity: [text], resource: redshiftTrust }).decision).toBe("Allow");
  });
});
