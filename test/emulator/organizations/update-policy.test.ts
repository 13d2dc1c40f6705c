import {
  DescribePolicyCommand,
  OrganizationsClient,
  UpdatePolicyCommand,
} from "@aws-sdk/client-organizations";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { clientFor, failure, failureWithFields } from "../../support/clients.ts";
import { A, B, BUCKET, COPY_ROLE_ARN } from "../../support/constants.ts";
import { seedWith, test } from "../../support/emulator-fixture.ts";

const DENY_LIST = {
  Version: "2012-10-17",
  Statement: [{ Sid: "NoListing", Effect: "Deny", Action: "s3:ListBucket", Resource: "*" }],
};
const SETUP = seedWith({
  organizations: [
    {
      id: "o-chaincheck01",
      managementAccount: A,
      accounts: [B],
      scps: [{ id: "p-nolisting1", name: "no-listing", document: DENY_LIST, targets: [B] }],
    },
  ],
});

const listAsCopyRole = (emu: Parameters<typeof clientFor>[1]) =>
  clientFor(S3Client, emu, COPY_ROLE_ARN, undefined, { forcePathStyle: true }).send(
    new ListObjectsV2Command({ Bucket: BUCKET }),
  );

describe("Organizations UpdatePolicy", () => {
  test("the management account's new content applies to the member's next request", async ({ start }) => {
    const emu = await start(SETUP);
    expect((await failure(listAsCopyRole(emu))).name).toBe("AccessDenied");
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const exempted = {
      ...DENY_LIST,
      Statement: [
        { ...DENY_LIST.Statement[0], Condition: { ArnNotLike: { "aws:PrincipalArn": COPY_ROLE_ARN } } },
      ],
    };
    const { Policy } = await orgs.send(
      new UpdatePolicyCommand({
        PolicyId: "p-nolisting1",
        Content: JSON.stringify(exempted),
        Description: "exempts COPY",
      }),
    );
    expect(Policy?.PolicySummary).toMatchObject({
      Id: "p-nolisting1",
      Name: "no-listing",
      Description: "exempts COPY",
    });
    expect(JSON.parse(Policy?.Content ?? "")).toEqual(exempted);
    expect((await listAsCopyRole(emu)).Name).toBe(BUCKET);
    const read = await orgs.send(new DescribePolicyCommand({ PolicyId: "p-nolisting1" }));
    expect(JSON.parse(read.Policy?.Content ?? "")).toEqual(exempted);
  });

  test("a member account, AWS's FullAWSAccess, an unknown policy and content that is no SCP are refused", async ({
    start,
  }) => {
    const emu = await start(SETUP);
    const member = clientFor(OrganizationsClient, emu, "B:admin");
    expect(
      await failure(member.send(new UpdatePolicyCommand({ PolicyId: "p-nolisting1", Name: "x" }))),
    ).toEqual({
      name: "AccessDeniedException",
      message: "You don't have permissions to access this resource.",
      status: 400,
    });
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const immutable = await failureWithFields(
      orgs.send(new UpdatePolicyCommand({ PolicyId: "p-FullAWSAccess", Name: "x" })),
    );
    expect([immutable.name, immutable.message, immutable.fields.Reason]).toEqual([
      "InvalidInputException",
      "You specified a policy that is managed by AWS and can't be modified.",
      "IMMUTABLE_POLICY",
    ]);
    expect(
      await failure(orgs.send(new UpdatePolicyCommand({ PolicyId: "p-nosuchpolicy", Name: "x" }))),
    ).toEqual({
      name: "PolicyNotFoundException",
      message: "We can't find a policy with the PolicyId that you specified.",
      status: 400,
    });
    expect(
      await failure(
        orgs.send(
          new UpdatePolicyCommand({
            PolicyId: "p-nolisting1",
            Content: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Deny", Resource: "*" }],
            }),
          }),
        ),
      ),
    ).toEqual({
      name: "MalformedPolicyDocumentException",
      message: "The provided policy document doesn't meet the requirements of the specified policy type.",
      status: 400,
    });
  });
});
