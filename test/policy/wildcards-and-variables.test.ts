import { describe, expect, it } from "vitest";
import { type AuthzRequest, buildRequestContext, evaluate, matchesPattern } from "../../policy/index.ts";
import { variable } from "./differential-cases.ts";
import { alice, lambdaSession, policy } from "./seed-world.ts";

describe("action and resource wildcards", () => {
  it.each([
    ["s3:Get*", "s3:GetObject", true],
    ["S3:getobject", "s3:GetObject", true],
    ["s3:Get?bject", "s3:GetObject", true],
    ["s3:Get?", "s3:GetObject", false],
    ["redshift:*", "redshift-data:ExecuteStatement", false],
    ["*", "sts:AssumeRole", true],
  ])("action pattern %s matching %s is %s", (pattern, action, expected) => {
    expect(matchesPattern(pattern, action, "action")).toBe(expected);
  });

  it.each([
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.csv", true],
    ["arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a", false],
    [
      "arn:aws:redshift:*:222222222222:dbuser:chaincheck-cluster/*",
      "arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user",
      true,
    ],
    [
      "arn:aws:redshift:ap-northeast-1:222222222222:dbuser:app_user/dev",
      "arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user",
      false,
    ],
    ["arn:aws:logs:*:*:*", "arn:aws:logs:ap-northeast-1:1:log-group:g:log-stream:s", true],
    ["arn:aws:*:cluster:c", "arn:aws:redshift:ap-northeast-1:1:cluster:c", false],
    ["arn:aws:iam::*", "arn:aws:iam::111111111111:role/x", false],
    ["arn:aws:iam::111111111111:role/?", "arn:aws:iam::111111111111:role/x", true],
    ["arn:aws:s3:::b/*", "*", false],
  ])("resource pattern %s matching %s is %s", (pattern, resource, expected) => {
    expect(matchesPattern(pattern, resource, "arn")).toBe(expected);
  });
});

describe("policy variables in Resource", () => {
  const home = `arn:aws:s3:::home/${variable("aws:username")}/*`;
  const req = (resource: string, principal = alice): AuthzRequest => ({
    principal,
    action: "s3:GetObject",
    resource,
    resourceAccount: principal.account,
    context: buildRequestContext(principal, {}, new Date("2025-01-01T00:00:00Z")),
  });
  const allowHome = (version = "2012-10-17") => ({
    identity: [
      {
        type: "identity" as const,
        name: "home",
        document: {
          Version: version,
          Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: home },
        },
      },
    ],
  });

  it(`allows the user's own prefix through ${variable("aws:username")}`, () => {
    expect(evaluate(req("arn:aws:s3:::home/alice/notes.txt"), allowHome()).decision).toBe("Allow");
  });

  it(`denies another user's prefix through ${variable("aws:username")}`, () => {
    expect(evaluate(req("arn:aws:s3:::home/bob/notes.txt"), allowHome()).decision).toBe("ImplicitDeny");
  });

  it("does not match when the variable's key is missing (a role session has no aws:username)", () => {
    const literal = `arn:aws:s3:::home/${variable("aws:username")}/x`;
    expect(evaluate(req(literal, lambdaSession), allowHome()).decision).toBe("ImplicitDeny");
  });

  it("takes a substituted value literally, so a wildcard in the value does not widen the match", () => {
    const starUser = { ...alice, username: "*" };
    expect(evaluate(req("arn:aws:s3:::home/bob/x", starUser), allowHome()).decision).toBe("ImplicitDeny");
  });

  it(`treats ${variable("aws:username")} literally in a Version 2008-10-17 policy`, () => {
    expect(evaluate(req("arn:aws:s3:::home/alice/x"), allowHome("2008-10-17")).decision).toBe("ImplicitDeny");
    expect(
      evaluate(req(`arn:aws:s3:::home/${variable("aws:username")}/x`), allowHome("2008-10-17")).decision,
    ).toBe("Allow");
  });

  it(`uses the default of ${variable("key, 'default'")} when the key is missing`, () => {
    const p = {
      identity: [
        policy("identity", "d", {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::home/${variable("aws:username, 'shared'")}/*`,
        }),
      ],
    };
    expect(evaluate(req("arn:aws:s3:::home/shared/x", lambdaSession), p).decision).toBe("Allow");
  });

  it("substitutes principal tags and the principal account", () => {
    const p = {
      identity: [
        policy("identity", "t", {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: `arn:aws:s3:::${variable("aws:PrincipalTag/team")}-${variable("aws:PrincipalAccount")}/*`,
        }),
      ],
    };
    expect(evaluate(req("arn:aws:s3:::ops-111111111111/x"), p).decision).toBe("Allow");
    expect(evaluate(req("arn:aws:s3:::data-111111111111/x"), p).decision).toBe("ImplicitDeny");
  });

  it("makes a NotResource statement with an unresolvable variable not apply", () => {
    const p = {
      identity: [
        policy("identity", "a", { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
        policy("identity", "d", {
          Effect: "Deny",
          Action: "s3:GetObject",
          NotResource: `arn:aws:s3:::home/${variable("aws:username")}/*`,
        }),
      ],
    };
    expect(evaluate(req("arn:aws:s3:::other/x", lambdaSession), p).decision).toBe("Allow");
    expect(evaluate(req("arn:aws:s3:::other/x"), p).decision).toBe("ExplicitDeny");
  });
});
