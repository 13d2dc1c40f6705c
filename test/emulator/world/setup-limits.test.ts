import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSetup } from "../../../emulator/world/load-setup.ts";
import { runCli } from "../../helpers/cli/run-cli.ts";
import { SEED } from "../../support/constants.ts";
import { setupProblems } from "../../support/files.ts";
import { policyDocument } from "../../support/policy-layers.ts";

const problems = setupProblems;

const trust = policyDocument({
  Effect: "Allow",
  Principal: { Service: "lambda.amazonaws.com" },
  Action: "sts:AssumeRole",
});
const roles = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ account: "111111111111", name: `r${i}`, trustPolicy: trust }));

function writeSetup(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "chaincheck-limits-")), name);
  writeFileSync(path, text);
  return path;
}

describe("setup size limits", () => {
  test("5001 roles are refused, naming the count and the limit", () => {
    expect(problems(() => loadSetup({ extends: SEED, roles: roles(5001) }))).toEqual([
      "roles: 5001 entries; a setup may have at most 5000 roles (IAM's highest per-account quota)",
    ]);
  });

  test("1001 buckets are refused, naming the count and the limit", () => {
    const buckets = Array.from({ length: 1001 }, (_, i) => ({
      account: "111111111111",
      region: "ap-northeast-1",
      name: `bucket-${i}`,
    }));
    expect(problems(() => loadSetup({ accounts: [{ id: "111111111111" }], s3Buckets: buckets }))).toEqual([
      "s3Buckets: 1001 entries; a setup may have at most 1000 s3Buckets",
    ]);
  });

  test("a setup file over 4 MiB is refused before it is parsed", () => {
    const path = writeSetup(
      "big.yaml",
      `accounts: [{ id: "111111111111" }]\ndescription: "${"x".repeat(4 * 1024 * 1024)}"\n`,
    );
    expect(problems(() => loadSetup(path))).toEqual([
      "(root): the file is 4194355 bytes; a setup file may be at most 4194304 bytes (4 MiB)",
    ]);
  });

  test("chaincheck emulator exits 2 on a setup over a limit", async () => {
    const path = writeSetup(
      "many.json",
      JSON.stringify({ accounts: [{ id: "111111111111" }], roles: roles(5001) }),
    );
    const result = await runCli(["emulator", "--port", "0", "--setup", path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "roles: 5001 entries; a setup may have at most 5000 roles (IAM's highest per-account quota)",
    );
  });
});
