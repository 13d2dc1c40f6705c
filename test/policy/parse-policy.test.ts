import { describe, expect, it } from "vitest";
import { type PolicyKind, PolicyValidationError, parsePolicy } from "../../policy/index.ts";

const allow = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
const trust = {
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111111111111:role/r" },
  Action: "sts:AssumeRole",
};
const doc = (statement: unknown, version: unknown = "2012-10-17") => ({
  Version: version,
  Statement: statement,
});

const rejected: Array<[string, string | object, PolicyKind, string]> = [
  ["invalid JSON", "{not json", "identity", "Syntax errors in policy."],
  ["an unknown top-level field", { ...doc(allow), Foo: 1 }, "identity", "Syntax errors in policy."],
  ["an unknown Version", doc(allow, "2012-10-18"), "identity", "The policy failed legacy parsing"],
  [
    "a Principal in an identity policy",
    doc({ ...allow, Principal: "*" }),
    "identity",
    "Policy document should not specify a principal.",
  ],
  [
    "a Principal in an SCP",
    doc({ ...allow, Principal: "*" }),
    "scp",
    "Policy document should not specify a principal.",
  ],
  [
    "a trust policy without Principal",
    doc({ Effect: "Allow", Action: "sts:AssumeRole" }),
    "trust",
    "Missing required field Principal",
  ],
  ["a bucket policy without Principal", doc(allow), "resource", "Missing required field Principal"],
  [
    "a Resource in a trust policy",
    doc({ ...trust, Resource: "*" }),
    "trust",
    "Has prohibited field Resource",
  ],
  [
    "a statement without Effect",
    doc({ Action: "s3:*", Resource: "*" }),
    "identity",
    "Missing required field Effect",
  ],
  ["a lower-case Effect", doc({ ...allow, Effect: "allow" }), "identity", "Syntax errors in policy."],
  [
    "a statement without Action",
    doc({ Effect: "Allow", Resource: "*" }),
    "identity",
    "Policy statement must contain actions.",
  ],
  [
    "a statement without Resource",
    doc({ Effect: "Allow", Action: "s3:*" }),
    "identity",
    "Policy statement must contain resources.",
  ],
  [
    "an action without vendor",
    doc({ ...allow, Action: "GetObject" }),
    "identity",
    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  ],
  [
    "an action with two colons",
    doc({ ...allow, Action: "s3:Get:Object" }),
    "identity",
    "Actions/Condition can contain only one colon.",
  ],
  [
    "a wildcard vendor",
    doc({ ...allow, Action: "*:Get*" }),
    "identity",
    "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards",
  ],
  [
    "an action with a space",
    doc({ ...allow, Action: "s3:Get Object" }),
    "identity",
    "Policy has invalid action",
  ],
  [
    "a resource that is not an ARN",
    doc({ ...allow, Resource: "my-bucket" }),
    "identity",
    'Resource my-bucket must be in ARN format or "*".',
  ],
  [
    "both Action and NotAction",
    doc({ ...allow, NotAction: "s3:PutObject" }),
    "identity",
    "Syntax errors in policy.",
  ],
  [
    "a non-STS action in a trust policy",
    doc({ ...trust, Action: "s3:GetObject" }),
    "trust",
    "AssumeRole policy may only specify STS AssumeRole actions.",
  ],
  [
    "an AWS principal that is not an ARN",
    doc({ ...trust, Principal: { AWS: "lambda-role" } }),
    "trust",
    'Invalid principal in policy: "AWS":"lambda-role"',
  ],
  [
    "a wildcard inside a principal ARN",
    doc({ ...trust, Principal: { AWS: "arn:aws:iam::111111111111:role/*" } }),
    "trust",
    'Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/*"',
  ],
  [
    "an unknown principal type",
    doc({ ...trust, Principal: { Aws: "111111111111" } }),
    "trust",
    'Invalid principal in policy: "Aws":"111111111111"',
  ],
  [
    "an unknown condition operator",
    doc({ ...allow, Condition: { StringEqual: { "aws:username": "a" } } }),
    "identity",
    "Invalid Condition type : StringEqual",
  ],
  [
    "NullIfExists",
    doc({ ...allow, Condition: { NullIfExists: { "aws:username": "true" } } }),
    "identity",
    "Invalid Condition type : NullIfExists",
  ],
  [
    "a condition key without vendor",
    doc({ ...allow, Condition: { StringEquals: { username: "a" } } }),
    "identity",
    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  ],
  [
    "ArnEquals with a bare name",
    doc({ ...allow, Condition: { ArnEquals: { "aws:SourceArn": "my-cluster" } } }),
    "identity",
    "The policy failed legacy parsing",
  ],
  [
    "duplicate Sids",
    doc([
      { ...allow, Sid: "A" },
      { ...allow, Sid: "A" },
    ]),
    "identity",
    "Statement IDs (SID) in a single policy must be unique.",
  ],
  [
    "a Sid with a space in an IAM policy",
    doc({ ...allow, Sid: "my sid" }),
    "identity",
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
  ],
];

describe("parsePolicy rejects what IAM rejects, with IAM's message", () => {
  it.each(rejected)("rejects %s", (_name, document, kind, message) => {
    let error: unknown;
    try {
      parsePolicy(document, kind);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as PolicyValidationError).code).toBe("MalformedPolicyDocument");
    expect((error as PolicyValidationError).message).toBe(message);
  });
});

describe("parsePolicy accepts and normalises valid documents", () => {
  it("accepts a single statement object and defaults Version to 2008-10-17", () => {
    const p = parsePolicy({ Statement: allow }, "identity");
    expect(p.version).toBe("2008-10-17");
    expect(p.statements).toHaveLength(1);
    expect(p.statements[0].action).toEqual(["s3:GetObject"]);
  });

  it("accepts every principal form in a trust policy", () => {
    const p = parsePolicy(
      doc({
        ...trust,
        Principal: {
          AWS: [
            "111111111111",
            "arn:aws:iam::111111111111:root",
            "arn:aws:sts::111111111111:assumed-role/r/s",
            "AROAAAAAAAAAAAAAAAAA1",
          ],
          Service: "redshift.amazonaws.com",
          Federated: "cognito-identity.amazonaws.com",
        },
      }),
      "trust",
    );
    expect(p.statements[0].principal?.aws).toHaveLength(4);
    expect(p.statements[0].principal?.service).toEqual(["redshift.amazonaws.com"]);
  });

  it('treats {"AWS":"*"} like "*"', () => {
    expect(
      parsePolicy(doc({ ...trust, Principal: { AWS: "*" } }), "trust").statements[0].principal?.any,
    ).toBe(true);
  });

  it("splits condition operators into set operator, base operator and IfExists", () => {
    const p = parsePolicy(
      doc({ ...allow, Condition: { "ForAllValues:StringLikeIfExists": { "aws:TagKeys": ["a*", "b"] } } }),
      "identity",
    );
    expect(p.statements[0].conditions[0]).toMatchObject({
      setOperator: "ForAllValues",
      baseOperator: "StringLike",
      ifExists: true,
      values: ["a*", "b"],
    });
  });

  it("turns boolean and number condition values into strings", () => {
    const p = parsePolicy(
      doc({
        ...allow,
        Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:max-keys": 10 } },
      }),
      "identity",
    );
    expect(p.statements[0].conditions.map((c) => c.values)).toEqual([["false"], ["10"]]);
  });

  it("allows Sids with spaces in bucket policies", () => {
    expect(() =>
      parsePolicy(doc({ ...allow, Principal: "*", Sid: "Public read" }), "resource"),
    ).not.toThrow();
  });

  it("returns the cached object for the same JSON text and for the same object", () => {
    const text = JSON.stringify(doc(allow));
    expect(parsePolicy(text, "identity")).toBe(parsePolicy(text, "identity"));
    const obj = doc(allow);
    expect(parsePolicy(obj, "identity")).toBe(parsePolicy(obj, "identity"));
  });

  it("rejects a trust principal that principalExists says does not exist", () => {
    const document = doc(trust);
    expect(() => parsePolicy(document, "trust", { principalExists: () => false })).toThrow(
      'Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/r"',
    );
    expect(() => parsePolicy(document, "trust", { principalExists: () => true })).not.toThrow();
  });
});
