import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { describe, expect } from "vitest";
import { clientFor, failure, failureWithFields } from "../../support/clients.ts";
import { A, B } from "../../support/constants.ts";
import { fileSetup, seedWith, test } from "../../support/emulator-fixture.ts";
import { ORG_TEST_USERS, OUTSIDER } from "./org-test-users.ts";

const ORG = "o-chaincheck01";
const OU = "ou-chai-11111111";
const DENY_S3 = {
  Version: "2012-10-17",
  Statement: [{ Sid: "OnlyOwnBuckets", Effect: "Deny", Action: "s3:*", Resource: "*" }],
};

fileSetup(
  seedWith({
    accounts: [{ id: OUTSIDER, alias: "outside-org" }],
    organizations: [
      {
        id: ORG,
        managementAccount: A,
        accounts: [B],
        organizationalUnits: [{ id: OU, name: "analytics", accounts: [B] }],
        scps: [
          {
            id: "p-denys3read",
            name: "deny-s3",
            description: "data perimeter",
            document: DENY_S3,
            targets: [OU],
          },
        ],
      },
    ],
    users: ORG_TEST_USERS,
  }),
);

describe("Organizations reads of an account's SCPs", () => {
  test("a member account describes its organization and learns the management account", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "B:admin");
    const { Organization } = await orgs.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({
      Id: ORG,
      Arn: `arn:aws:organizations::${A}:organization/${ORG}`,
      FeatureSet: "ALL",
      MasterAccountId: A,
      MasterAccountArn: `arn:aws:organizations::${A}:account/${ORG}/${A}`,
    });
  });

  test("the management account walks an account's parents up to the root", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    expect((await orgs.send(new ListParentsCommand({ ChildId: B }))).Parents).toEqual([
      { Id: OU, Type: "ORGANIZATIONAL_UNIT" },
    ]);
    expect((await orgs.send(new ListParentsCommand({ ChildId: OU }))).Parents).toEqual([
      { Id: "r-chai", Type: "ROOT" },
    ]);
    expect((await orgs.send(new ListParentsCommand({ ChildId: A }))).Parents).toEqual([
      { Id: "r-chai", Type: "ROOT" },
    ]);
  });

  test("the management account lists the SCPs attached to a target, FullAWSAccess included", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const atOu = await orgs.send(
      new ListPoliciesForTargetCommand({ TargetId: OU, Filter: "SERVICE_CONTROL_POLICY" }),
    );
    expect(atOu.Policies?.map((p) => [p.Id, p.Name, p.AwsManaged])).toEqual([
      ["p-FullAWSAccess", "FullAWSAccess", true],
      ["p-denys3read", "deny-s3", false],
    ]);
    expect(atOu.Policies?.[1].Arn).toBe(
      `arn:aws:organizations::${A}:policy/${ORG}/service_control_policy/p-denys3read`,
    );
    const atB = await orgs.send(
      new ListPoliciesForTargetCommand({ TargetId: B, Filter: "SERVICE_CONTROL_POLICY" }),
    );
    expect(atB.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess"]);
    const tags = await orgs.send(new ListPoliciesForTargetCommand({ TargetId: B, Filter: "TAG_POLICY" }));
    expect(tags.Policies).toEqual([]);
  });

  test("pages of one policy follow NextToken", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const first = await orgs.send(
      new ListPoliciesForTargetCommand({ TargetId: OU, Filter: "SERVICE_CONTROL_POLICY", MaxResults: 1 }),
    );
    expect(first.Policies?.map((p) => p.Id)).toEqual(["p-FullAWSAccess"]);
    const second = await orgs.send(
      new ListPoliciesForTargetCommand({
        TargetId: OU,
        Filter: "SERVICE_CONTROL_POLICY",
        MaxResults: 1,
        NextToken: first.NextToken,
      }),
    );
    expect([second.Policies?.map((p) => p.Id), second.NextToken]).toEqual([["p-denys3read"], undefined]);
  });

  test("DescribePolicy returns the SCP's document as a JSON string", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const { Policy } = await orgs.send(new DescribePolicyCommand({ PolicyId: "p-denys3read" }));
    expect(Policy?.PolicySummary).toMatchObject({ Id: "p-denys3read", Description: "data perimeter" });
    expect(JSON.parse(Policy?.Content ?? "")).toEqual(DENY_S3);
    const full = await orgs.send(new DescribePolicyCommand({ PolicyId: "p-FullAWSAccess" }));
    expect(JSON.parse(full.Policy?.Content ?? "").Statement).toEqual([
      { Effect: "Allow", Action: "*", Resource: "*" },
    ]);
  });

  test("a member account is refused every read but DescribeOrganization with AccessDeniedException", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "B:admin");
    const refused = {
      name: "AccessDeniedException",
      message: "You don't have permissions to access this resource.",
      status: 400,
    };
    expect(await failure(orgs.send(new ListParentsCommand({ ChildId: B })))).toEqual(refused);
    expect(
      await failure(
        orgs.send(new ListPoliciesForTargetCommand({ TargetId: B, Filter: "SERVICE_CONTROL_POLICY" })),
      ),
    ).toEqual(refused);
    expect(await failure(orgs.send(new DescribePolicyCommand({ PolicyId: "p-denys3read" })))).toEqual(
      refused,
    );
  });

  test("an account in no organization gets AWSOrganizationsNotInUseException from each read", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, `${OUTSIDER}:admin`);
    const notInUse = {
      name: "AWSOrganizationsNotInUseException",
      message: "Your account is not a member of an organization.",
      status: 400,
    };
    expect(await failure(orgs.send(new DescribeOrganizationCommand({})))).toEqual(notInUse);
    expect(
      await failure(
        orgs.send(new ListPoliciesForTargetCommand({ TargetId: B, Filter: "SERVICE_CONTROL_POLICY" })),
      ),
    ).toEqual(notInUse);
  });

  test("a management-account user without the permission is denied with IAM's text naming the target", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:reader");
    expect(
      await failure(
        orgs.send(new ListPoliciesForTargetCommand({ TargetId: B, Filter: "SERVICE_CONTROL_POLICY" })),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: arn:aws:iam::${A}:user/reader is not authorized to perform: organizations:ListPoliciesForTarget on resource: arn:aws:organizations::${A}:account/${ORG}/${B} because no identity-based policy allows the organizations:ListPoliciesForTarget action`,
      status: 400,
    });
  });

  test("unknown targets, children and policies are their own not-found exceptions", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    expect(
      await failure(
        orgs.send(new ListPoliciesForTargetCommand({ TargetId: OUTSIDER, Filter: "SERVICE_CONTROL_POLICY" })),
      ),
    ).toEqual({
      name: "TargetNotFoundException",
      message: "We can't find a root, OU, account, or policy with the TargetId that you specified.",
      status: 400,
    });
    expect(await failure(orgs.send(new ListParentsCommand({ ChildId: "ou-chai-99999999" })))).toEqual({
      name: "ChildNotFoundException",
      message:
        "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
      status: 400,
    });
    expect(await failure(orgs.send(new DescribePolicyCommand({ PolicyId: "p-nosuchpolicy" })))).toEqual({
      name: "PolicyNotFoundException",
      message: "We can't find a policy with the PolicyId that you specified.",
      status: 400,
    });
  });

  test("a filter outside the policy types is InvalidInputException with a Reason", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const bad = await failureWithFields(
      orgs.send(new ListPoliciesForTargetCommand({ TargetId: B, Filter: "NOT_A_TYPE" as never })),
    );
    expect([bad.name, bad.status, bad.fields.Reason]).toEqual([
      "InvalidInputException",
      400,
      "INVALID_ENUM_POLICY_TYPE",
    ]);
    expect(bad.message).toMatch(/^1 validation error detected: Value 'NOT_A_TYPE' at 'filter'/);
  });
});
