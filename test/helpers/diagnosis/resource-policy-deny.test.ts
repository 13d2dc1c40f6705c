import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import type { Report } from "../../../helpers/report/types.ts";
import { fileEmulator } from "../../support/emulator-fixture.ts";
import { runLocalChain } from "../../support/local-chain.ts";

const scenario = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/scenarios/${name}.yaml`, import.meta.url));

const emu = fileEmulator(scenario("copy-s3-bucket-policy-explicit-deny"));

const failed = (r: Report) => r.links.find((l) => l.id === r.failedLink);

describe("a bucket policy whose Deny also refuses the harness's read", () => {
  test("ranks the Deny first, unsettled, with the root read that confirms it, not the COPY role's identity side", async () => {
    const report = await runLocalChain(emu);
    const d = failed(report)?.diagnosis;
    expect(report.failedLink).toBe("copy-from-s3");
    expect(d).toMatchObject({
      cause: "copy-s3-bucket-policy-explicit-deny",
      side: "A",
      settled: false,
      candidates: ["copy-s3-bucket-policy-explicit-deny", "copy-s3-bucket-policy-denied"],
      settledBy:
        "s3:GetBucketPolicy on arn:aws:s3:::chaincheck-copy-source as A's root user (S3 lets the bucket owner's root read a policy that denies everyone else)",
    });
    expect(d?.summary).toContain(
      "s3:GetBucketPolicy on arn:aws:s3:::chaincheck-copy-source was refused to the harness's identity in A as well",
    );
    expect(d?.fix).toContain(
      '"ArnNotEquals": { "aws:PrincipalArn": "arn:aws:iam::222222222222:role/chaincheck-copy-role" }',
    );
  });

  test("without a B reader keeps the COPY role's own policy among the candidates, after the Deny", async () => {
    const report = await runLocalChain(emu, {}, false);
    const d = failed(report)?.diagnosis;
    expect(d?.candidates).toEqual([
      "copy-s3-bucket-policy-explicit-deny",
      "copy-s3-bucket-policy-denied",
      "copy-s3-identity-denied",
    ]);
    expect(d?.settledBy).toContain(
      "iam:GetRolePolicy on arn:aws:iam::222222222222:role/chaincheck-copy-role",
    );
  });
});
