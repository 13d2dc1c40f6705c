import { describe, expect, it } from "vitest";
import {
  type AuthzRequest,
  buildRequestContext,
  denyMessage,
  evaluate,
  explain,
  type PolicySet,
} from "../../policy/index.ts";
import {
  A,
  articleInline,
  B,
  BUCKET,
  DBUSER,
  lambdaInline,
  lambdaSession,
  policy,
  REDSHIFT_ROLE,
  redshiftSession,
  redshiftTrust,
} from "./seed-world.ts";

const NOW = new Date("2025-01-01T00:00:00Z");
const assume: AuthzRequest = {
  principal: lambdaSession,
  action: "sts:AssumeRole",
  resource: REDSHIFT_ROLE,
  resourceAccount: B,
  isRoleTrust: true,
  context: buildRequestContext(lambdaSession, {}, NOW),
};
const creds: AuthzRequest = {
  principal: redshiftSession,
  action: "redshift:GetClusterCredentials",
  resource: DBUSER,
  resourceAccount: B,
  context: buildRequestContext(redshiftSession, {}, NOW),
};
const base = (r: AuthzRequest) =>
  `User: ${r.principal.arn} is not authorized to perform: ${r.action} on resource: ${r.resource}`;
const message = (r: AuthzRequest, p: PolicySet) =>
  denyMessage(evaluate(r, p), { callerArn: r.principal.arn, action: r.action, resource: r.resource });
const scpArn = "arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-123";
const allIdentity = policy("identity", "all", { Effect: "Allow", Action: "*", Resource: "*" });
const allowAll = (type: "scp" | "boundary" | "session", name: string) =>
  policy(type, name, { Effect: "Allow", Action: "*", Resource: "*" });

describe("denyMessage", () => {
  it.each<[string, AuthzRequest, PolicySet, string]>([
    [
      "renders a trust-policy denial on AssumeRole without a suffix",
      assume,
      {
        identity: [lambdaInline],
        resource: policy("trust", "t", {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${A}:role/x` },
          Action: "sts:AssumeRole",
        }),
      },
      "",
    ],
    [
      "names the missing identity-based policy on AssumeRole",
      assume,
      { identity: [], resource: redshiftTrust },
      " because no identity-based policy allows the sts:AssumeRole action",
    ],
    [
      "names the missing identity-based policy for the article's dbuser ARN",
      creds,
      { identity: [articleInline] },
      " because no identity-based policy allows the redshift:GetClusterCredentials action",
    ],
    [
      "names the permissions boundary",
      creds,
      {
        identity: [articleInline, policy("identity", "all", { Effect: "Allow", Action: "*", Resource: "*" })],
        boundary: policy("boundary", "arn:aws:iam::222222222222:policy/b", {
          Effect: "Allow",
          Action: "s3:*",
          Resource: "*",
        }),
      },
      " because no permissions boundary allows the redshift:GetClusterCredentials action",
    ],
    [
      "names the session policy",
      creds,
      {
        identity: [policy("identity", "all", { Effect: "Allow", Action: "*", Resource: "*" })],
        session: [policy("session", "s", { Effect: "Allow", Action: "s3:*", Resource: "*" })],
      },
      " because no session policy allows the redshift:GetClusterCredentials action",
    ],
    [
      "names the service control policy",
      creds,
      {
        identity: [policy("identity", "all", { Effect: "Allow", Action: "*", Resource: "*" })],
        scps: [[policy("scp", scpArn, { Effect: "Allow", Action: "s3:*", Resource: "*" })]],
      },
      " because no service control policy allows the redshift:GetClusterCredentials action",
    ],
    [
      "names the denying SCP with its ARN",
      assume,
      {
        identity: [lambdaInline],
        resource: redshiftTrust,
        scps: [
          [
            allowAll("scp", "FullAWSAccess"),
            policy("scp", scpArn, { Effect: "Deny", Action: "sts:*", Resource: "*" }),
          ],
        ],
      },
      ` with an explicit deny in a service control policy: ${scpArn}`,
    ],
    [
      "names the denying managed identity policy with its ARN",
      creds,
      {
        identity: [
          policy("identity", "arn:aws:iam::222222222222:policy/NoRedshift", {
            Effect: "Deny",
            Action: "redshift:*",
            Resource: "*",
          }),
        ],
      },
      " with an explicit deny in an identity-based policy: arn:aws:iam::222222222222:policy/NoRedshift",
    ],
    [
      "names an inline identity policy by type only",
      creds,
      {
        identity: [
          policy("identity", "role/r/inline/deny", { Effect: "Deny", Action: "redshift:*", Resource: "*" }),
        ],
      },
      " with an explicit deny in an identity-based policy",
    ],
    [
      "names a denying permissions boundary",
      creds,
      {
        identity: [allIdentity],
        boundary: policy("boundary", "arn:aws:iam::222222222222:policy/b", {
          Effect: "Deny",
          Action: "*",
          Resource: "*",
        }),
      },
      " with an explicit deny in a permissions boundary: arn:aws:iam::222222222222:policy/b",
    ],
    [
      "names a denying session policy",
      creds,
      {
        identity: [allIdentity],
        session: [policy("session", "s", { Effect: "Deny", Action: "*", Resource: "*" })],
      },
      " with an explicit deny in a session policy",
    ],
    [
      "names a denying same-account resource-based policy",
      { ...creds, action: "s3:GetObject", resource: "arn:aws:s3:::b-bucket/x" },
      {
        identity: [allIdentity],
        resource: policy("resource", "arn:aws:s3:::b-bucket", {
          Effect: "Deny",
          Principal: "*",
          Action: "*",
          Resource: "*",
        }),
      },
      " with an explicit deny in a resource-based policy",
    ],
    [
      "renders a cross-account bucket-policy gap without a suffix",
      { ...creds, action: "s3:GetObject", resource: `${BUCKET}/x`, resourceAccount: A },
      { identity: [allIdentity] },
      "",
    ],
  ])("%s", (_name, req, policies, suffix) => {
    expect(message(req, policies)).toBe(base(req) + suffix);
  });
});

describe("explain", () => {
  it("reports that the resource side is missing when the identity side allowed a cross-account call", () => {
    const req = { ...creds, action: "s3:GetObject", resource: `${BUCKET}/x`, resourceAccount: A };
    const result = explain(req, {
      identity: [allIdentity],
      resource: policy("resource", BUCKET, {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: "s3:GetObject",
        Resource: `${BUCKET}/*`,
      }),
    });
    expect(result.decision).toBe("ImplicitDeny");
    expect(result.missing).toEqual(["resource"]);
    expect(result.statements.find((s) => s.policyType === "resource")).toMatchObject({
      applies: false,
      action: true,
      resource: true,
      principal: false,
    });
  });

  it("names the failing condition of a trust statement", () => {
    const trust = policy("trust", "t", {
      Sid: "FromLambda",
      Effect: "Allow",
      Principal: { AWS: lambdaSession.roleArn },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": "chaincheck" } },
    });
    const result = explain(assume, { identity: [lambdaInline], resource: trust });
    expect(result.decision).toBe("ImplicitDeny");
    expect(result.statements.find((s) => s.statementSid === "FromLambda")).toMatchObject({
      applies: false,
      principal: true,
      condition: false,
      failedCondition: "StringEquals sts:ExternalId",
    });
  });

  it("gives the same decision as evaluate", () => {
    const p = { identity: [lambdaInline], resource: redshiftTrust };
    expect(explain(assume, p).decision).toBe(evaluate(assume, p).decision);
  });
});
