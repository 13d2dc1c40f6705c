import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { listScenarios } from "../../helpers/scenarios/scenario-list.ts";
import { snapshotOverHttp } from "../../helpers/twin/round-trip.ts";
import { A, B } from "../support/constants.ts";

const dir = mkdtempSync(join(tmpdir(), "chaincheck-twin-org-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fileOf = (name: string) => {
  const scenario = listScenarios().find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenario.file;
};

describe("the snapshot's organizations block", () => {
  test("read whole when the tester manages the organization: root, the OU holding B and the SCP on it", {
    timeout: 120_000,
  }, async () => {
    const snapshot = await snapshotOverHttp(fileOf("scp-denied--readable"), dir, 0);
    expect(snapshot.setup.organizations).toEqual([
      {
        id: "o-chaincheck01",
        rootId: "r-chai",
        managementAccount: A,
        accounts: [B],
        organizationalUnits: [{ id: "ou-chai-22222222", name: "ou-chai-22222222", accounts: [B] }],
        scps: [
          {
            id: "p-ownbucketsonly",
            name: "own-buckets-only",
            targets: ["ou-chai-22222222"],
            document: {
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "OwnAccountBucketsOnly",
                  Effect: "Deny",
                  Action: ["s3:GetObject", "s3:ListBucket"],
                  Resource: "*",
                  Condition: { StringNotEquals: { "aws:ResourceAccount": B } },
                },
              ],
            },
          },
        ],
      },
    ]);
    expect(snapshot.gaps.filter((g) => /service control policies/.test(g.what))).toEqual([]);
  });

  test("with the SCPs unreadable, keeps the real organization, infers the refused calls and names the reads", {
    timeout: 120_000,
  }, async () => {
    const snapshot = await snapshotOverHttp(fileOf("scp-denied"), dir, 0);
    expect(snapshot.setup.organizations).toEqual([
      {
        id: "o-chaincheckb1",
        managementAccount: "333333333333",
        accounts: [B],
        scps: [
          {
            id: `p-twininferred_${B}`,
            name: `twin-inferred-${B}`,
            description: "Inferred: IAM's simulator says an SCP refuses these calls of the chain",
            targets: [B],
            document: {
              Version: "2012-10-17",
              Statement: [
                { Effect: "Deny", Action: "s3:ListBucket", Resource: "arn:aws:s3:::chaincheck-copy-source" },
                {
                  Effect: "Deny",
                  Action: "s3:GetObject",
                  Resource: "arn:aws:s3:::chaincheck-copy-source/input/sales.csv",
                },
              ],
            },
          },
        ],
      },
    ]);
    const gap = snapshot.gaps.find((g) => /service control policies on account 222222222222/.test(g.what));
    expect(gap?.permission.action).toBe(
      "organizations:ListParents, organizations:ListPoliciesForTarget, organizations:DescribePolicy",
    );
    expect(gap?.why).toMatch(/AccessDeniedException/);
    expect((snapshot.setup.accounts as { id: string }[]).map((a) => a.id)).toContain("333333333333");
  });

  test("a setup whose accounts are in no organization snapshots without an organizations block", {
    timeout: 120_000,
  }, async () => {
    const snapshot = await snapshotOverHttp(fileOf("copy-s3-identity-denied"), dir, 0);
    expect(snapshot.setup.organizations).toBeUndefined();
    expect(snapshot.gaps.filter((g) => /organization/.test(g.what))).toEqual([]);
  });
});
