import { describe, expect, it } from "vitest";
import { type ContextValue, conditionMatches, ipInCidr, parsePolicy } from "../../policy/index.ts";
import { variable } from "./differential-cases.ts";

function conditionsOf(Condition: object, versioned = true) {
  const Statement = { Effect: "Allow", Action: "s3:*", Resource: "*", Condition };
  return parsePolicy(versioned ? { Version: "2012-10-17", Statement } : { Statement }, "identity")
    .statements[0].conditions;
}

function check(
  operator: string,
  key: string,
  values: string | string[],
  context: Record<string, ContextValue | undefined>,
): boolean {
  return conditionMatches(conditionsOf({ [operator]: { [key]: values } })[0], context, context);
}

const rows: Array<[string, string, string | string[], Record<string, ContextValue | undefined>, boolean]> = [
  ["StringEquals", "sts:ExternalId", "abc", { "sts:ExternalId": "abc" }, true],
  ["StringEquals", "sts:ExternalId", "abc", { "sts:ExternalId": "ABC" }, false],
  ["StringEquals", "sts:ExternalId", "abc", {}, false],
  ["StringEquals", "sts:ExternalId", ["x", "abc"], { "sts:ExternalId": "abc" }, true],
  ["StringEquals", "STS:EXTERNALID", "abc", { "sts:ExternalId": "abc" }, true],
  [
    "StringNotEquals",
    "aws:PrincipalAccount",
    "111111111111",
    { "aws:PrincipalAccount": "222222222222" },
    true,
  ],
  ["StringNotEquals", "aws:PrincipalAccount", "111111111111", {}, true],
  [
    "StringNotEquals",
    "aws:PrincipalAccount",
    ["1", "111111111111"],
    { "aws:PrincipalAccount": "111111111111" },
    false,
  ],
  ["StringEqualsIgnoreCase", "redshift:DbUser", "APP_USER", { "redshift:DbUser": "app_user" }, true],
  ["StringNotEqualsIgnoreCase", "redshift:DbUser", "APP_USER", { "redshift:DbUser": "app_user" }, false],
  ["StringLike", "s3:prefix", "home/*", { "s3:prefix": "home/alice/x" }, true],
  ["StringLike", "s3:prefix", "home/?", { "s3:prefix": "home/ab" }, false],
  ["StringNotLike", "s3:prefix", "home/*", { "s3:prefix": "tmp/a" }, true],
  ["StringEqualsIfExists", "sts:ExternalId", "abc", {}, true],
  ["StringEqualsIfExists", "sts:ExternalId", "abc", { "sts:ExternalId": "x" }, false],
  [
    "ArnEquals",
    "aws:SourceArn",
    "arn:aws:redshift:*:222222222222:cluster:*",
    { "aws:SourceArn": "arn:aws:redshift:ap-northeast-1:222222222222:cluster:c" },
    true,
  ],
  [
    "ArnLike",
    "aws:PrincipalArn",
    "arn:aws:iam::*:role/chaincheck-*",
    { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/chaincheck-lambda-role" },
    true,
  ],
  ["ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/*", { "aws:PrincipalArn": "not-an-arn" }, false],
  [
    "ArnLike",
    "aws:SourceArn",
    "arn:aws:*:cluster:c",
    { "aws:SourceArn": "arn:aws:redshift:ap-northeast-1:2:cluster:c" },
    false,
  ],
  [
    "ArnNotLike",
    "aws:PrincipalArn",
    "arn:aws:iam::*:role/admin",
    { "aws:PrincipalArn": "arn:aws:iam::1:role/x" },
    true,
  ],
  ["ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::1:role/x", {}, true],
  ["NumericLessThan", "sts:DurationSeconds", "3601", { "sts:DurationSeconds": "3600" }, true],
  ["NumericLessThanEquals", "sts:DurationSeconds", "3600", { "sts:DurationSeconds": "3600" }, true],
  ["NumericGreaterThan", "sts:DurationSeconds", "3600", { "sts:DurationSeconds": "3600" }, false],
  ["NumericGreaterThanEquals", "sts:DurationSeconds", "3600", { "sts:DurationSeconds": "3600.0" }, true],
  ["NumericEquals", "s3:max-keys", "10", { "s3:max-keys": "ten" }, false],
  ["NumericNotEquals", "s3:max-keys", "10", { "s3:max-keys": "11" }, true],
  [
    "DateLessThan",
    "aws:CurrentTime",
    "2026-01-01T00:00:00Z",
    { "aws:CurrentTime": "2025-06-01T00:00:00Z" },
    true,
  ],
  ["DateGreaterThan", "aws:CurrentTime", "2026-01-01", { "aws:CurrentTime": "2025-06-01T00:00:00Z" }, false],
  ["DateEquals", "aws:EpochTime", "2025-01-01T00:00:00Z", { "aws:EpochTime": "1735689600" }, true],
  [
    "DateLessThanEquals",
    "aws:TokenIssueTime",
    "1735689600",
    { "aws:TokenIssueTime": "2025-01-01T00:00:00Z" },
    true,
  ],
  [
    "DateGreaterThanEquals",
    "aws:CurrentTime",
    "2025-01-01T00:00:00Z",
    { "aws:CurrentTime": "2025-01-01T00:00:00Z" },
    true,
  ],
  [
    "DateNotEquals",
    "aws:CurrentTime",
    "2025-01-01T00:00:00Z",
    { "aws:CurrentTime": "2025-01-02T00:00:00Z" },
    true,
  ],
  ["Bool", "aws:SecureTransport", "true", { "aws:SecureTransport": "TRUE" }, true],
  ["Bool", "aws:SecureTransport", "true", { "aws:SecureTransport": "false" }, false],
  ["Bool", "aws:MultiFactorAuthPresent", "false", {}, false],
  ["BoolIfExists", "aws:MultiFactorAuthPresent", "false", {}, true],
  ["BinaryEquals", "s3:x", "QmluYXJ5", { "s3:x": "QmluYXJ5" }, true],
  ["IpAddress", "aws:SourceIp", "203.0.113.0/24", { "aws:SourceIp": "203.0.113.7" }, true],
  ["IpAddress", "aws:SourceIp", "203.0.113.0/24", { "aws:SourceIp": "203.0.114.7" }, false],
  ["IpAddress", "aws:SourceIp", "2001:db8::/32", { "aws:SourceIp": "2001:db8:1::5" }, true],
  ["NotIpAddress", "aws:SourceIp", ["10.0.0.0/8", "192.168.0.0/16"], { "aws:SourceIp": "203.0.113.7" }, true],
  ["NotIpAddress", "aws:SourceIp", "10.0.0.0/8", { "aws:SourceIp": "10.9.9.9" }, false],
  ["Null", "aws:username", "true", {}, true],
  ["Null", "aws:username", "true", { "aws:username": "alice" }, false],
  ["Null", "aws:username", "false", { "aws:username": "alice" }, true],
  ["StringEquals", "aws:TagKeys", "a", { "aws:TagKeys": ["b", "a"] }, true],
  ["StringNotEquals", "aws:TagKeys", "a", { "aws:TagKeys": ["b", "a"] }, false],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["a", "c"], { "aws:TagKeys": ["a", "b"] }, true],
  ["ForAnyValue:StringEquals", "aws:TagKeys", ["a"], {}, false],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["a", "c"], { "aws:TagKeys": ["a", "b"] }, false],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["a", "b", "c"], { "aws:TagKeys": ["a", "b"] }, true],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["a"], {}, true],
  ["ForAllValues:StringEquals", "aws:TagKeys", ["a"], { "aws:TagKeys": [] }, true],
  ["ForAllValues:StringNotEquals", "aws:TagKeys", ["x"], { "aws:TagKeys": ["a", "b"] }, true],
  ["ForAllValues:StringNotEquals", "aws:TagKeys", ["a"], { "aws:TagKeys": ["a", "b"] }, false],
  ["ForAnyValue:StringNotEquals", "aws:TagKeys", ["a"], { "aws:TagKeys": ["a", "b"] }, true],
  ["ForAnyValue:StringLikeIfExists", "aws:TagKeys", ["team-*"], {}, true],
  [
    "StringEquals",
    "aws:PrincipalTag/team",
    `${variable("aws:username")}`,
    { "aws:PrincipalTag/team": "alice", "aws:username": "alice" },
    true,
  ],
  [
    "StringEquals",
    "aws:PrincipalTag/team",
    `${variable("aws:username")}`,
    { "aws:PrincipalTag/team": "alice" },
    false,
  ],
  [
    "StringNotEquals",
    "aws:PrincipalTag/team",
    `${variable("aws:username")}`,
    { "aws:PrincipalTag/team": "alice" },
    false,
  ],
  [
    "StringEquals",
    "aws:PrincipalTag/team",
    `${variable("aws:username, 'nobody'")}`,
    { "aws:PrincipalTag/team": "nobody" },
    true,
  ],
  [
    "StringLike",
    "s3:prefix",
    `${variable("aws:userid")}/*`,
    { "s3:prefix": "AIDA1/x", "aws:userid": "AIDA1" },
    true,
  ],
  [
    "StringLike",
    "s3:prefix",
    `${variable("aws:userid")}/*`,
    { "s3:prefix": "AIDA1/x", "aws:userid": "AIDA?" },
    false,
  ],
  [
    "StringEquals",
    "s3:prefix",
    `a${variable("*")}b${variable("?")}c${variable("$")}`,
    { "s3:prefix": "a*b?c$" },
    true,
  ],
  ["StringLike", "s3:prefix", `a${variable("*")}b`, { "s3:prefix": "axxb" }, false],
];

describe("condition operators", () => {
  it.each(rows)("%s on %s with %j against %j is %s", (operator, key, values, context, expected) => {
    expect(check(operator, key, values, context)).toBe(expected);
  });

  it("ANDs keys and operators and ORs values within a statement", () => {
    const conditions = conditionsOf({
      StringEquals: { "aws:PrincipalAccount": ["1", "2"], "aws:username": "alice" },
      Bool: { "aws:SecureTransport": "true" },
    });
    const all = (ctx: Record<string, string>) => conditions.every((c) => conditionMatches(c, ctx, ctx));
    expect(all({ "aws:PrincipalAccount": "2", "aws:username": "alice", "aws:SecureTransport": "true" })).toBe(
      true,
    );
    expect(all({ "aws:PrincipalAccount": "2", "aws:username": "bob", "aws:SecureTransport": "true" })).toBe(
      false,
    );
    expect(
      all({ "aws:PrincipalAccount": "2", "aws:username": "alice", "aws:SecureTransport": "false" }),
    ).toBe(false);
  });

  it("does not substitute variables in a Version 2008-10-17 policy", () => {
    const [condition] = conditionsOf({ StringEquals: { "s3:prefix": `${variable("aws:username")}` } }, false);
    const ctx = { "s3:prefix": "alice", "aws:username": "alice" };
    expect(conditionMatches(condition, ctx, undefined)).toBe(false);
    expect(conditionMatches(condition, { "s3:prefix": `${variable("aws:username")}` }, undefined)).toBe(true);
  });
});

describe("ipInCidr", () => {
  it.each([
    ["192.0.2.1", "192.0.2.0/24", true],
    ["192.0.2.1", "192.0.2.1", true],
    ["192.0.3.1", "192.0.2.0/23", true],
    ["192.0.4.1", "192.0.2.0/23", false],
    ["::ffff:192.0.2.1", "::ffff:192.0.2.0/120", true],
    ["2001:db8::1", "192.0.2.0/24", false],
    ["not-an-ip", "0.0.0.0/0", false],
  ])("%s in %s is %s", (ip, cidr, expected) => {
    expect(ipInCidr(ip, cidr)).toBe(expected);
  });
});
