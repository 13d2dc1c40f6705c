import { describe, expect, test } from "vitest";
import { conditionNotes } from "../../../helpers/diagnosis/read/condition-notes.ts";
import { sessionPrincipal } from "../../../helpers/diagnosis/read/trust-verdict.ts";
import { explain, type NamedPolicy } from "../../../policy/index.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";

const ROLE = "arn:aws:iam::222222222222:role/chaincheck-copy-role";
const OBJECT = "arn:aws:s3:::chaincheck-copy-source/input/sales.csv";
const principal = sessionPrincipal(ROLE, "RedshiftIamRoleSession");
const roleAllows: NamedPolicy = {
  type: "identity",
  name: "role/chaincheck-copy-role/inline/read",
  document: policyDocument({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
};

function bucketPolicy(statement: object): NamedPolicy {
  return {
    type: "resource",
    name: "bucket policy of chaincheck-copy-source",
    document: { Statement: [statement] },
  };
}

function notesFor(policy: NamedPolicy, context: Record<string, string>) {
  const request = {
    principal,
    action: "s3:GetObject",
    resource: OBJECT,
    resourceAccount: "111111111111",
    context: { "aws:PrincipalArn": ROLE, "aws:PrincipalAccount": "222222222222", ...context },
  };
  return conditionNotes(
    explain(request, { identity: [roleAllows], resource: policy }),
    [roleAllows, policy],
    request.context,
  );
}

describe("conditionNotes", () => {
  test("an explicit Deny decided by a condition names the key, the policy's value and what the request carried", () => {
    const deny = bucketPolicy({
      Sid: "OnlyThroughTheEndpoint",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0abc" } },
    });
    expect(notesFor(deny, {})).toEqual([
      'The Deny in bucket policy of chaincheck-copy-source (statement OnlyThroughTheEndpoint) applies because its condition StringNotEquals aws:SourceVpce "vpce-0abc" holds: the request carried no aws:SourceVpce chaincheck can see (it is the VPC endpoint the real request went through).',
    ]);
  });

  test("an Allow whose condition fails names the value it wants and the value sent", () => {
    const allowing = bucketPolicy({
      Effect: "Allow",
      Principal: { AWS: ROLE },
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": "333333333333" } },
    });
    expect(notesFor(allowing, {})).toEqual([
      'bucket policy of chaincheck-copy-source would allow it, but its condition StringEquals aws:PrincipalAccount wants "333333333333" and the request carried aws:PrincipalAccount "222222222222".',
    ]);
  });

  test("an organization condition names where the value comes from and the read that shows it, not an absent key", () => {
    const allow = bucketPolicy({
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-anotherorg1" } },
    });
    expect(notesFor(allow, {})).toEqual([
      "bucket policy of chaincheck-copy-source would allow it, but its condition StringEquals aws:PrincipalOrgID wants \"o-anotherorg1\" and the request carried no aws:PrincipalOrgID chaincheck can see (it is the principal's organization id: organizations:DescribeOrganization in the principal's account shows it).",
    ]);
  });

  test("says nothing when no condition is involved", () => {
    const allowing = bucketPolicy(allow("s3:GetObject", "*", { Principal: { AWS: ROLE } }));
    expect(notesFor(allowing, {})).toEqual([]);
  });
});
