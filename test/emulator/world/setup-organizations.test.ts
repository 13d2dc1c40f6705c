import { describe, expect, test } from "vitest";
import { loadSetup } from "../../../emulator/world/load-setup.ts";
import { A, B, SEED } from "../../support/constants.ts";
import { setupProblems } from "../../support/files.ts";

const organizationProblems = (organization: object): string[] =>
  setupProblems(() =>
    loadSetup({
      extends: SEED,
      organizations: [{ id: "o-chaincheck01", managementAccount: "999999999999", ...organization }],
    }),
  );

const scp = (targets: string[]) => ({
  id: "p-perimeter01",
  name: "perimeter",
  targets,
  document: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] },
});

describe("organizations in a setup", () => {
  test("loads OUs with account aliases resolved and an SCP attached to an OU", () => {
    const setup = loadSetup({
      extends: SEED,
      organizations: [
        {
          id: "o-chaincheck01",
          rootId: "r-ab12",
          managementAccount: "999999999999",
          accounts: [A, B],
          organizationalUnits: [
            { id: "ou-ab12-aaaaaaaa", name: "workloads", accounts: [B] },
            { id: "ou-ab12-bbbbbbbb", name: "analytics", parent: "ou-ab12-aaaaaaaa" },
          ],
          scps: [scp(["ou-ab12-aaaaaaaa"])],
        },
      ],
    });
    expect(setup.organizations[0]?.organizationalUnits.map((ou) => [ou.id, ou.parent, ou.accounts])).toEqual([
      ["ou-ab12-aaaaaaaa", undefined, [B]],
      ["ou-ab12-bbbbbbbb", "ou-ab12-aaaaaaaa", []],
    ]);
  });

  test("names each broken OU reference by its path: unknown parent, non-member, two OUs, a cycle, an unknown SCP target", () => {
    const lines = organizationProblems({
      accounts: [B],
      organizationalUnits: [
        { id: "ou-ab12-aaaaaaaa", name: "a", parent: "ou-ab12-cccccccc", accounts: [A, B] },
        { id: "ou-ab12-bbbbbbbb", name: "b", parent: "ou-ab12-dddddddd", accounts: [B] },
        { id: "ou-ab12-dddddddd", name: "d", parent: "ou-ab12-bbbbbbbb" },
      ],
      scps: [scp(["ou-ab12-eeeeeeee"])],
    });
    expect(lines).toEqual([
      `organizations[0].organizationalUnits[0].accounts[0]: account ${A} is not a member of o-chaincheck01; list it in organizations[0].accounts too`,
      `organizations[0].organizationalUnits[1].accounts[0]: account ${B} is already in OU ou-ab12-aaaaaaaa; an account sits in one OU`,
      'organizations[0].organizationalUnits[0].parent: unknown OU "ou-ab12-cccccccc"; expected one of: ou-ab12-aaaaaaaa, ou-ab12-bbbbbbbb, ou-ab12-dddddddd (or no parent for the root)',
      "organizations[0].organizationalUnits[1].parent: OU ou-ab12-bbbbbbbb is its own ancestor (a cycle through ou-ab12-bbbbbbbb)",
      "organizations[0].organizationalUnits[2].parent: OU ou-ab12-dddddddd is its own ancestor (a cycle through ou-ab12-dddddddd)",
      'organizations[0].scps[0].targets[0]: unknown OU "ou-ab12-eeeeeeee"; expected "root", one of this organization\'s OU ids (ou-ab12-aaaaaaaa, ou-ab12-bbbbbbbb, ou-ab12-dddddddd) or a member account',
    ]);
  });

  test("rejects an OU id that is not shaped like one, with an example", () => {
    const lines = organizationProblems({ organizationalUnits: [{ id: "workloads", name: "w" }] });
    expect(lines).toEqual([
      'organizations[0].organizationalUnits[0].id: expected an OU id such as "ou-exam-11111111"',
    ]);
  });
});
