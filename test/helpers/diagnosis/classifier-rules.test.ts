import { describe, expect, test } from "vitest";
import { classifyText, RULES } from "../../../helpers/diagnosis/classify/classify-error.ts";
import { factsFromText } from "../../../helpers/diagnosis/classify/facts-from-text.ts";
import { parseErrorText } from "../../../helpers/diagnosis/classify/parse-error-text.ts";

const ASSUME_DENIED =
  "AccessDenied: User: arn:aws:sts::111111111111:assumed-role/L/fn is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/R";

function ruleById(id: string) {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

function matchOne(id: string, text: string) {
  const parsed = parseErrorText(text);
  return ruleById(id).classify(parsed, factsFromText(text), text);
}

describe("classifier rules by id", () => {
  test("every rule has a unique kebab-case id", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test("a classification names the rule that fired", () => {
    expect(classifyText(ASSUME_DENIED).rule).toBe("sts-assume-role-denied");
    expect(classifyText("something no rule knows").rule).toBeUndefined();
  });

  test("sts-assume-role-denied alone ranks B's trust first for a denial without a reason", () => {
    const match = matchOne("sts-assume-role-denied", ASSUME_DENIED);
    expect(match?.link).toBe("assume-role");
    expect(match?.certain).toBe(false);
    expect(match?.candidates[0]?.cause).toBe("trust-policy-missing-principal");
  });

  test("sts-assume-role-denied does not fire on a Redshift denial", () => {
    const text =
      "AccessDenied: User: arn:aws:sts::222222222222:assumed-role/R/s is not authorized to perform: redshift:GetClusterCredentials on resource: arn:aws:redshift:ap-northeast-1:222222222222:dbuser:c/u";
    expect(matchOne("sts-assume-role-denied", text)).toBeUndefined();
    expect(classifyText(text).rule).toBe("get-cluster-credentials-denied");
  });

  test("boundary-no-allow: a boundary that lacks the Allow is its own cause on the caller's side, not an explicit deny", () => {
    const assume = `${ASSUME_DENIED} because no permissions boundary allows the sts:AssumeRole action`;
    expect(matchOne("boundary-no-allow", assume)).toEqual({
      link: "lambda-role",
      candidates: [
        { cause: "boundary-missing-allow", side: "A", why: "AWS says no permissions boundary allows it" },
      ],
      certain: true,
    });
    const credentials =
      "AccessDenied: User: arn:aws:sts::222222222222:assumed-role/R/s is not authorized to perform: redshift:GetClusterCredentials on resource: arn:aws:redshift:ap-northeast-1:222222222222:dbuser:c/u because no permissions boundary allows the redshift:GetClusterCredentials action";
    expect(classifyText(credentials)).toMatchObject({
      rule: "boundary-no-allow",
      link: "cluster-credentials",
      candidates: [{ cause: "boundary-missing-allow", side: "B" }],
    });
  });

  test("s3-bucket-policy-deny: a bucket policy's Deny of an S3 read is the bucket policy's own cause on A's side", () => {
    const text =
      'AccessDenied: User: arn:aws:sts::222222222222:assumed-role/chaincheck-copy-role/RedshiftIamRoleSession is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::chaincheck-copy-source/input/sales.csv" with an explicit deny in a resource-based policy';
    expect(matchOne("s3-bucket-policy-deny", text)).toEqual({
      link: "copy-from-s3",
      candidates: [
        {
          cause: "copy-s3-bucket-policy-explicit-deny",
          why: "AWS says: an explicit deny in the bucket's resource-based policy",
          side: undefined,
        },
      ],
      certain: true,
    });
    expect(classifyText(text).rule).toBe("s3-bucket-policy-deny");
    expect(matchOne("s3-bucket-policy-deny", text.replace("s3:GetObject", "kms:Decrypt"))).toBeUndefined();
  });

  test("scp-denied-named puts an SCP's deny of COPY's S3 read on B's side, with the policy, its account and the role to exempt", () => {
    const text =
      'S3ServiceException:User: arn:aws:sts::222222222222:assumed-role/chaincheck-copy-role/RedshiftIamRoleSession is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" with an explicit deny in a service control policy: arn:aws:organizations::333333333333:policy/o-abcdefghij/service_control_policy/p-dataperim1,Status 403';
    const match = matchOne("scp-denied-named", text);
    expect(match).toMatchObject({ link: "copy-from-s3", certain: true });
    expect(match?.candidates[0]).toMatchObject({ cause: "scp-denied", side: "B" });
    expect(factsFromText(text)).toMatchObject({
      scpId: "p-dataperim1",
      managementAccount: "333333333333",
      scpAccount: "222222222222",
      exemptRoleArn: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
    });
  });

  test("scp-denied-named fires before the bucket-policy and generic explicit-deny rules, and not on other policy types", () => {
    expect(classifyText(`${ASSUME_DENIED} with an explicit deny in a service control policy`).rule).toBe(
      "scp-denied-named",
    );
    expect(
      matchOne("scp-denied-named", `${ASSUME_DENIED} with an explicit deny in an identity-based policy`),
    ).toBeUndefined();
    expect(
      matchOne("scp-denied-named", `${ASSUME_DENIED} with an explicit deny in a resource-based policy`),
    ).toBeUndefined();
  });

  test("an AssumeRole refused because no SCP allows it is scp-denied on A's side, not an explicit deny", () => {
    const c = classifyText(
      `${ASSUME_DENIED} because no service control policy allows the sts:AssumeRole action`,
    );
    expect(c.candidates).toEqual([expect.objectContaining({ cause: "scp-denied", side: "A" })]);
  });
});
