import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Report } from "../../../helpers/report/types.ts";
import { runSetup } from "../../../helpers/scenarios/run-scenario.ts";
import { parsePolicy } from "../../../policy/parse-policy.ts";
import { SEED } from "../../support/constants.ts";
import { tempFolder } from "../../support/files.ts";
import { runMain } from "../cli/cli-in-process.ts";
import { reportValidators } from "../report/report-schema.ts";
import { parseAwsCommand } from "./aws-cli-commands.ts";

const validate = reportValidators();

describe("chaincheck run --verify-fix --write-fix", () => {
  test("turns the two-break scenario green in two verified steps and writes patches that apply", {
    timeout: 300_000,
  }, async () => {
    const dir = join(tempFolder(), "fix-out");
    const result = await runMain([
      "run",
      "--scenario",
      "caller-policy-missing-assume-role--two-breaks",
      "--origin",
      "local",
      "--format",
      "json",
      "--write-fix",
      dir,
    ]);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(validate.report(report)).toEqual([]);
    expect(report.fixVerification).toMatchObject({
      verified: true,
      message: "fix verified: the chain is green after these 2 changes",
      changeCount: 2,
      steps: [
        {
          link: "lambda-role",
          cause: "caller-policy-missing-assume-role",
          changes: [{ where: "A", accountId: "111111111111" }],
        },
        {
          link: "cluster-credentials",
          cause: "dbuser-arn-format",
          changes: [{ where: "B", accountId: "222222222222" }],
        },
      ],
    });

    expect(readdirSync(dir).sort()).toEqual([
      "apply-fix.sh",
      "cloudformation.yaml",
      "fix.json",
      "iam",
      "setup-fix.yaml",
    ]);
    const documents = readdirSync(join(dir, "iam"));
    expect(documents).toHaveLength(2);
    for (const file of documents)
      expect(() => parsePolicy(readFileSync(join(dir, "iam", file), "utf8"), "identity")).not.toThrow();
    const commands = readFileSync(join(dir, "apply-fix.sh"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("aws "));
    expect(commands.map((c) => parseAwsCommand(c).profile)).toEqual(["chaincheck-a", "chaincheck-b"]);
    expect(readFileSync(join(dir, "cloudformation.yaml"), "utf8")).toContain("Type: AWS::IAM::RolePolicy");
    expect(readdirSync(join(dir, ".."))).toEqual(["fix-out"]);

    const applied = await runSetup(join(dir, "setup-fix.yaml"));
    expect(applied.verdict).toBe("pass");
  });

  test("names the link that still fails when no fix can be generated, and writes nothing", {
    timeout: 300_000,
  }, async () => {
    const root = tempFolder({
      "no-function.yaml": `extends: ${SEED}\nchain: { functionName: zzzz-unrelated-name }\n`,
    });
    const setup = join(root, "no-function.yaml");
    const dir = join(root, "fix-out");
    const result = await runMain(["run", "--setup", setup, "--origin", "local", "--write-fix", dir]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(
      "verify-fix: fix not verified: no fix generated for lambda-role: no function in A (111111111111, ap-northeast-1) has a name close to zzzz-unrelated-name; lambda-role still fails (lambda-function-not-found)",
    );
    expect(result.stdout).toContain(`note: --write-fix: no patch generated, nothing written to ${dir}`);
    expect(readdirSync(root)).toEqual(["no-function.yaml"]);
  });
});
