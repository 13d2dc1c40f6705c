import { describe, expect } from "vitest";
import type { Report } from "../../../helpers/report/types.ts";
import { A, B } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { runLocalChain } from "../../support/local-chain.ts";

const CREDENTIALS_DENIED = new URL(
  "../../../fixtures/scenarios/get-cluster-credentials-denied.yaml",
  import.meta.url,
).pathname;
const BUCKET_POLICY_UNREADABLE = new URL(
  "../../../fixtures/scenarios/copy-s3-bucket-policy-explicit-deny.yaml",
  import.meta.url,
).pathname;
const NO_READER_IN_B = { users: [{ account: B, name: "admin", $delete: true }] };

const diagnosisOf = (report: Report) => report.links.find((l) => l.id === report.failedLink)?.diagnosis;

describe("the SCP step of the diagnosis", () => {
  test("an unsettled denial whose account's SCPs cannot be read keeps scp-denied as its last candidate, naming the reads", async ({
    start,
  }) => {
    const emu = await start({
      extends: CREDENTIALS_DENIED,
      ...NO_READER_IN_B,
      accounts: [{ id: "333333333333", alias: "org-management" }],
      organizations: [{ id: "o-chaincheck01", managementAccount: "333333333333", accounts: [B] }],
    });
    const diagnosis = diagnosisOf(await runLocalChain(emu));
    expect(diagnosis).toMatchObject({ cause: "get-cluster-credentials-denied", settled: false });
    expect(diagnosis?.candidates?.at(-1)).toBe("scp-denied");
    expect(diagnosis?.summary).toContain(`The SCPs on ${B} were not read:`);
    expect(diagnosis?.settledBy).toContain(
      `an SCP on ${B}: organizations:ListParents on ${B}, organizations:ListPoliciesForTarget (SERVICE_CONTROL_POLICY)`,
    );
  });

  test("SCPs read as the management account that allow the call rule scp-denied out", async ({ start }) => {
    const emu = await start({
      extends: CREDENTIALS_DENIED,
      ...NO_READER_IN_B,
      organizations: [
        {
          id: "o-chaincheck01",
          managementAccount: A,
          accounts: [B],
          scps: [
            {
              id: "p-nos3delete",
              name: "no-s3-deletes",
              targets: ["root"],
              document: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" }],
              },
            },
          ],
        },
      ],
    });
    const diagnosis = diagnosisOf(await runLocalChain(emu));
    expect(diagnosis).toMatchObject({ cause: "get-cluster-credentials-denied", settled: false });
    expect(diagnosis?.candidates).not.toContain("scp-denied");
    expect(diagnosis?.summary).toContain(
      `The SCPs on ${B} and its parents (read with organizations:ListPoliciesForTarget and DescribePolicy as the tester in A): r-chai: p-FullAWSAccess, p-nos3delete; ${B}: p-FullAWSAccess.`,
    );
    expect(diagnosis?.summary).toContain("They allow redshift:GetClusterCredentials");
  });

  test("an account in no organization rules an SCP out without reading any policy", async ({ start }) => {
    const emu = await start(BUCKET_POLICY_UNREADABLE);
    const diagnosis = diagnosisOf(await runLocalChain(emu));
    expect(diagnosis).toMatchObject({ cause: "copy-s3-bucket-policy-explicit-deny", settled: false });
    expect(diagnosis?.candidates).not.toContain("scp-denied");
    expect(diagnosis?.summary).toContain(
      `${B} is in no organization (DescribeOrganization as the reader in B): no SCP applies.`,
    );
  });
});
