import { describe, expect, it } from "vitest";
import { Organizations } from "../../emulator/world/organizations.ts";
import type { SetupOrganization } from "../../emulator/world/setup-schema.ts";
import {
  type AuthzRequest,
  buildRequestContext,
  type Decision,
  evaluate,
  type PolicySet,
  type PrincipalInfo,
} from "../../policy/index.ts";
import { oracleDecision } from "./oracle.ts";
import { A, B, policy, redshiftService, redshiftSession } from "./seed-world.ts";

const NOW = new Date("2025-01-01T00:00:00Z");
const OUTSIDER = "333333333333";
const ORG = "o-chaincheck01";
const WORKLOADS = "ou-cc01-aaaaaaaa";
const ANALYTICS = "ou-cc01-bbbbbbbb";
const PRINCIPAL_ORG_VARIABLE = ["$", "{aws:PrincipalOrgID}"].join("");

const organization: SetupOrganization = {
  id: ORG,
  managementAccount: "999999999999",
  accounts: [A, B],
  organizationalUnits: [
    { id: WORKLOADS, name: "workloads", accounts: [] },
    { id: ANALYTICS, name: "analytics", parent: WORKLOADS, accounts: [B] },
  ],
  fullAWSAccess: true,
  scps: [],
};
const orgs = new Organizations([organization]);

const outsiderSession: PrincipalInfo = {
  ...redshiftSession,
  arn: `arn:aws:sts::${OUTSIDER}:assumed-role/chaincheck-redshift-role/chaincheck`,
  account: OUTSIDER,
  roleArn: `arn:aws:iam::${OUTSIDER}:role/chaincheck-redshift-role`,
};

const OBJECT = "arn:aws:s3:::chaincheck-copy-source/input/sales.csv";
const readsObjects = policy("identity", "role/chaincheck-redshift-role/inline/read", {
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: "*",
});

function s3Read(principal: PrincipalInfo, resourceAccount: string): AuthzRequest {
  const keys = orgs.contextKeys(
    principal.kind === "service" ? undefined : principal.account,
    resourceAccount,
  );
  return {
    principal,
    action: "s3:GetObject",
    resource: OBJECT,
    resourceAccount,
    context: buildRequestContext(principal, keys, NOW),
  };
}

const bucketPolicy = (condition: object) =>
  policy("resource", "bucket policy of chaincheck-copy-source", {
    Effect: "Allow",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::chaincheck-copy-source/*",
    Condition: condition,
  });

async function decide(request: AuthzRequest, policies: PolicySet): Promise<[Decision, string]> {
  const oracle = await oracleDecision({ id: 0, request, policies, features: new Set() });
  return [evaluate(request, policies).decision, oracle];
}

describe("organization keys in the request context", () => {
  it("gives a member's principal and resource their org id and the path down to the account's OU", () => {
    expect(orgs.contextKeys(B, A)).toEqual({
      "aws:PrincipalOrgID": ORG,
      "aws:PrincipalOrgPaths": [`${ORG}/r-chai/${WORKLOADS}/${ANALYTICS}/`],
      "aws:ResourceOrgID": ORG,
      "aws:ResourceOrgPaths": [`${ORG}/r-chai/`],
    });
  });

  it("gives the management account the org keys too, and an account outside any organization none", () => {
    expect(orgs.contextKeys("999999999999", OUTSIDER)).toEqual({
      "aws:PrincipalOrgID": ORG,
      "aws:PrincipalOrgPaths": [`${ORG}/r-chai/`],
    });
    expect(orgs.contextKeys(OUTSIDER, undefined)).toEqual({});
  });

  it("uses the setup's root id when it names one", () => {
    const named = new Organizations([{ ...organization, rootId: "r-ab12" }]);
    expect(named.pathOf(A)).toBe(`${ORG}/r-ab12/`);
  });

  it("puts the root, each OU down to the account's and the account as SCP levels", () => {
    const withScps = new Organizations([
      {
        ...organization,
        fullAWSAccess: false,
        scps: [
          { id: "p-workloads1", name: "w", targets: [WORKLOADS], document: { Statement: [] } },
          { id: "p-analytics1", name: "a", targets: [ANALYTICS], document: { Statement: [] } },
        ],
      } as SetupOrganization,
    ]);
    expect(withScps.scpLevelsFor(B)?.map((level) => level.map((p) => p.name.split("/").pop()))).toEqual([
      [],
      ["p-workloads1"],
      ["p-analytics1"],
      [],
    ]);
    expect(withScps.scpLevelsFor(A)?.length).toBe(2);
  });
});

describe("org-guard policies judged with the org keys, against @cloud-copilot/iam-simulate", () => {
  it("a bucket policy granting aws:PrincipalOrgID lets the organization's role in and keeps an outsider out", async () => {
    const policies = (id: string): PolicySet => ({
      identity: [readsObjects],
      resource: bucketPolicy({ StringEquals: { "aws:PrincipalOrgID": id } }),
    });
    expect(await decide(s3Read(redshiftSession, A), policies(ORG))).toEqual(["Allow", "Allow"]);
    expect(await decide(s3Read(outsiderSession, A), policies(ORG))).toEqual(["ImplicitDeny", "ImplicitDeny"]);
    expect(await decide(s3Read(redshiftSession, A), policies("o-anotherorg1"))).toEqual([
      "ImplicitDeny",
      "ImplicitDeny",
    ]);
  });

  it("a bucket policy granting an OU path by aws:PrincipalOrgPaths admits accounts under it only", async () => {
    const policies = (path: string): PolicySet => ({
      identity: [readsObjects],
      resource: bucketPolicy({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": path } }),
    });
    expect(await decide(s3Read(redshiftSession, A), policies(`${ORG}/r-chai/${WORKLOADS}/*`))).toEqual([
      "Allow",
      "Allow",
    ]);
    expect(await decide(s3Read(redshiftSession, A), policies(`${ORG}/r-chai/ou-cc01-cccccccc/*`))).toEqual([
      "ImplicitDeny",
      "ImplicitDeny",
    ]);
  });

  it("a data-perimeter SCP on aws:ResourceOrgID lets the role read its organization's bucket and denies an outsider's", async () => {
    const perimeter = policy("scp", "scp/data-perimeter", [
      { Effect: "Allow", Action: "*", Resource: "*" },
      {
        Effect: "Deny",
        Action: "s3:*",
        Resource: "*",
        Condition: { StringNotEqualsIfExists: { "aws:ResourceOrgID": PRINCIPAL_ORG_VARIABLE } },
      },
    ]);
    const grantsB: PolicySet = {
      identity: [readsObjects],
      scps: [[perimeter]],
      resource: bucketPolicy({ StringEquals: { "aws:PrincipalAccount": B } }),
    };
    expect(await decide(s3Read(redshiftSession, A), grantsB)).toEqual(["Allow", "Allow"]);
    expect(await decide(s3Read(redshiftSession, OUTSIDER), grantsB)).toEqual([
      "ExplicitDeny",
      "ExplicitDeny",
    ]);
  });

  it("a service principal carries no aws:PrincipalOrgID, so an org-only bucket policy does not admit it", async () => {
    const request = s3Read(redshiftService, A);
    expect(request.context["aws:PrincipalOrgID"]).toBeUndefined();
    expect(
      evaluate(request, {
        identity: [],
        resource: bucketPolicy({ StringEquals: { "aws:PrincipalOrgID": ORG } }),
      }).decision,
    ).toBe("ImplicitDeny");
  });
});
