import { describe, expect, test } from "vitest";
import { CAUSES, DESIGN_CAUSE_IDS } from "../../../helpers/diagnosis/catalog/causes.ts";
import { classifyText, diagnoseText } from "../../../helpers/diagnosis/classify/classify-error.ts";
import { CATALOG_TEXTS } from "./catalog-texts.ts";

describe("diagnoseText on every catalogued error text", () => {
  test.each(CATALOG_TEXTS.map((c) => [`${c.entry} ${c.form}`, c] as const))(
    "%s maps to the right link and top cause",
    (_name, c) => {
      const out = diagnoseText(c.text);
      expect(out.link).toBe(c.link);
      expect(out.causes[0]?.cause).toBe(c.top);
      for (const other of c.also ?? []) expect(out.causes.map((x) => x.cause)).toContain(other);
    },
  );
});

describe("classifyText", () => {
  test("says an AssumeRole denial without a reason is ambiguous and names the reads that settle it", () => {
    const c = classifyText(
      "AccessDenied: User: arn:aws:sts::111111111111:assumed-role/L/fn is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/R",
    );
    expect(c.certain).toBe(false);
    expect(c.settledBy).toMatch(/SimulatePrincipalPolicy/);
    expect(c.settledBy).toMatch(/iam:GetRole/);
  });

  test("treats the identity-policy reason suffix as settling A's side", () => {
    const c = classifyText(
      "User: arn:aws:sts::111111111111:assumed-role/L/fn is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/R because no identity-based policy allows the sts:AssumeRole action",
    );
    expect(c.certain).toBe(true);
    expect(c.candidates).toEqual([expect.objectContaining({ cause: "caller-policy-missing-assume-role" })]);
  });

  test("names the SCP as scp-denied on A's side for AssumeRole, its fix exempting A's role in the management account", () => {
    const out = diagnoseText(
      "User: arn:aws:sts::111111111111:assumed-role/L/fn is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/R with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-abcd1234",
    );
    expect(out.causes[0]).toMatchObject({ cause: "scp-denied", side: "A" });
    expect(out.causes[0].fix).toContain("management account (999999999999)");
    expect(out.causes[0].fix).toContain("p-abcd1234");
    expect(out.causes[0].fix).toContain(
      '{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/L"}}',
    );
  });

  test("returns no link and no causes for a text it does not recognise", () => {
    expect(diagnoseText("the coffee machine is out of beans")).toEqual({ link: null, causes: [] });
  });

  test("fills the trust-policy fix with the ARNs found in the text", () => {
    const out = diagnoseText(
      "AccessDenied: User: arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/chaincheck-redshift-role",
    );
    expect(out.causes[0].fix).toContain('"AWS": "arn:aws:iam::111111111111:role/chaincheck-lambda-role"');
    expect(out.causes[0].fix).toContain("--role-name chaincheck-redshift-role");
  });

  test("fills the dbuser fix with the cluster, user, region and account of the denied resource", () => {
    const out = diagnoseText(
      "ValidationException: User: arn:aws:sts::222222222222:assumed-role/R/s is not authorized to perform: redshift:GetClusterCredentials on resource: arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user",
    );
    const format = out.causes.find((c) => c.cause === "dbuser-arn-format");
    expect(format?.fix).toContain(
      "arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user",
    );
    expect(format?.fix).toContain(
      "arn:aws:redshift:ap-northeast-1:222222222222:dbname:chaincheck-cluster/<db>",
    );
  });
});

describe("the cause catalog", () => {
  test("covers every cause id of docs/contracts.md on its link", () => {
    for (const [link, ids] of Object.entries(DESIGN_CAUSE_IDS))
      for (const id of ids) expect(CAUSES.find((c) => c.id === id)?.link).toBe(link);
  });

  test("has unique ids", () => {
    expect(new Set(CAUSES.map((c) => c.id)).size).toBe(CAUSES.length);
  });

  test("builds every fix without values using only placeholders, never undefined", () => {
    for (const c of CAUSES) expect(c.fix({})).not.toMatch(/undefined/);
  });

  test("ranks the ExternalId mismatch first when the chain's ExternalId is configured, and its fix writes nothing into the trust", () => {
    const denied =
      "AccessDenied: User: arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/chaincheck-redshift-role";
    expect(diagnoseText(denied).causes[0]?.cause).toBe("trust-policy-missing-principal");
    const out = diagnoseText(denied, { externalId: "sent-external-id" });
    expect(out.causes.map((c) => c.cause).slice(0, 2)).toEqual([
      "trust-policy-external-id",
      "trust-policy-missing-principal",
    ]);
    expect(out.causes[0]?.fix).not.toContain("sent-external-id");
  });
});
