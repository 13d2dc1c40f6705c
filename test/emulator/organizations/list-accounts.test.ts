import {
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import { describe, expect } from "vitest";
import { clientFor, failure, failureWithFields } from "../../support/clients.ts";
import { A, B } from "../../support/constants.ts";
import { fileSetup, seedWith, test } from "../../support/emulator-fixture.ts";
import { ORG_TEST_USERS, OUTSIDER } from "./org-test-users.ts";

const MEMBERS = ["333333333333", "444444444444", "555555555555"];

fileSetup(
  seedWith({
    accounts: [
      ...MEMBERS.map((id, i) => ({ id, name: `producer-${i + 1}` })),
      { id: OUTSIDER, alias: "outside-org" },
    ],
    organizations: [{ id: "o-chaincheck01", managementAccount: A, accounts: [B, ...MEMBERS] }],
    users: ORG_TEST_USERS,
  }),
);

describe("Organizations ListAccounts", () => {
  test("the management account lists itself first, then the members, with ARNs naming the organization", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const { Accounts, NextToken } = await orgs.send(new ListAccountsCommand({}));
    expect(NextToken).toBeUndefined();
    expect(Accounts?.map((a) => [a.Id, a.Name, a.Status, a.JoinedMethod])).toEqual([
      [A, "Lambda account (A)", "ACTIVE", "CREATED"],
      [B, "Redshift account (B)", "ACTIVE", "INVITED"],
      ["333333333333", "producer-1", "ACTIVE", "INVITED"],
      ["444444444444", "producer-2", "ACTIVE", "INVITED"],
      ["555555555555", "producer-3", "ACTIVE", "INVITED"],
    ]);
    expect(Accounts?.[1].Arn).toBe(`arn:aws:organizations::${A}:account/o-chaincheck01/${B}`);
    expect(Accounts?.[0].JoinedTimestamp).toBeInstanceOf(Date);
  });

  test("pages of MaxResults follow NextToken to the end, as the SDK's paginator reads them", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const pages: string[][] = [];
    for await (const page of paginateListAccounts({ client: orgs, pageSize: 2 }, {}))
      pages.push((page.Accounts ?? []).map((a) => a.Id ?? ""));
    expect(pages).toEqual([[A, B], ["333333333333", "444444444444"], ["555555555555"]]);
  });

  test("a member account is refused with AccessDeniedException", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, "B:admin");
    expect(await failure(orgs.send(new ListAccountsCommand({})))).toEqual({
      name: "AccessDeniedException",
      message: "You don't have permissions to access this resource.",
      status: 400,
    });
  });

  test("an account in no organization gets AWSOrganizationsNotInUseException", async ({ emu }) => {
    const orgs = clientFor(OrganizationsClient, emu, `${OUTSIDER}:admin`);
    expect(await failure(orgs.send(new ListAccountsCommand({})))).toEqual({
      name: "AWSOrganizationsNotInUseException",
      message: "Your account is not a member of an organization.",
      status: 400,
    });
  });

  test("a management-account user without organizations:ListAccounts is denied with IAM's text", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:reader");
    expect(await failure(orgs.send(new ListAccountsCommand({})))).toEqual({
      name: "AccessDeniedException",
      message: `User: arn:aws:iam::${A}:user/reader is not authorized to perform: organizations:ListAccounts on resource: * because no identity-based policy allows the organizations:ListAccounts action`,
      status: 400,
    });
  });

  test("a NextToken it did not issue and a MaxResults over 20 are InvalidInputException with a Reason", async ({
    emu,
  }) => {
    const orgs = clientFor(OrganizationsClient, emu, "A:tester");
    const token = await failureWithFields(orgs.send(new ListAccountsCommand({ NextToken: "bogus" })));
    expect([token.name, token.message, token.status, token.fields.Reason]).toEqual([
      "InvalidInputException",
      "You specified an invalid value for nextToken.",
      400,
      "INVALID_NEXT_TOKEN",
    ]);
    const size = await failure(orgs.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(size).toEqual({
      name: "InvalidInputException",
      message:
        "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20",
      status: 400,
    });
  });
});
