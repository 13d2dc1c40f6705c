import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { NO_DOCKER, probeContainerRuntime } from "../../../helpers/targets/container-runtime.ts";
import { cleanEnv, runCli } from "./run-cli.ts";

const BROKEN = new URL("./fixtures/wrong-external-id.yaml", import.meta.url).pathname;
const dockerAnswers = await probeContainerRuntime().then(
  () => true,
  () => false,
);

describe("chaincheck exit codes", () => {
  test("a broken seed variant exits 1 and names the failed link in the annotations and the step summary", async () => {
    const summary = join(mkdtempSync(join(tmpdir(), "chaincheck-gh-")), "summary.md");
    const result = await runCli(
      ["run", "--setup", BROKEN, "--format", "github"],
      cleanEnv({ GITHUB_STEP_SUMMARY: summary }),
    );
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^::error title=chaincheck%3A link assume-role failed::AccessDenied: User: arn:aws:sts::111111111111:assumed-role\/chaincheck-lambda-role\/chaincheck-probe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role\/chaincheck-redshift-role%0A/,
    );
    expect(lines.at(-1)).toBe(
      "chaincheck: fail — link assume-role failed (target embedded, origin lambda-probe)",
    );
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).toContain("### chaincheck: fail — `assume-role` failed");
    expect(markdown).toContain("| ⏸️ | `cluster-credentials` | blocked |  | blocked by assume-role |");
  });

  test("an unknown flag exits 2 and says which", async () => {
    const result = await runCli(["run", "--bogus"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toMatch(/^chaincheck: Unknown option '--bogus'/);
    expect(result.stderr.split("\n")[1]).toBe("run `chaincheck help` for usage");
  });

  test("bad configuration exits 2 listing every problem before any AWS call", async () => {
    const result = await runCli(
      ["run", "--target", "aws", "--format", "yaml"],
      cleanEnv({ AWS_REGION: "tokyo", CHAINCHECK_DURATION_SECONDS: "5m" }),
    );
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      [
        "chaincheck: invalid configuration:",
        '  - --format: expected one of console, json, junit, github, html, got "yaml"; e.g. console',
        "  - AWS_REGION: expected an AWS region, e.g. ap-northeast-1",
        "  - CHAINCHECK_FUNCTION_NAME: required; e.g. chaincheck-probe",
        "  - CHAINCHECK_TARGET_ROLE_ARN: required; e.g. arn:aws:iam::222222222222:role/chaincheck-redshift-role",
        "  - CHAINCHECK_DURATION_SECONDS: expected a session duration of 900–43200 seconds (15 min to 12 h), e.g. 900 (or 15m, 1h)",
        "  - CHAINCHECK_DATABASE: required; e.g. dev",
        "  - CHAINCHECK_CLUSTER_ID: set exactly one of CHAINCHECK_CLUSTER_ID (provisioned, e.g. chaincheck-cluster) or CHAINCHECK_WORKGROUP_NAME (serverless, e.g. chaincheck-wg)",
        "",
      ].join("\n"),
    );
  });

  test("probe without deploy or remove, or without its settings, exits 2", async () => {
    const noAction = await runCli(["probe"]);
    expect([noAction.code, noAction.stderr.split("\n")[0]]).toEqual([
      2,
      'chaincheck: probe: expected "deploy" or "remove", got nothing',
    ]);
    const noSettings = await runCli(["probe", "deploy"]);
    expect([noSettings.code, noSettings.stderr]).toEqual([
      2,
      [
        "chaincheck: invalid configuration:",
        "  - AWS_REGION: required; e.g. ap-northeast-1",
        "  - CHAINCHECK_FUNCTION_NAME: required; e.g. chaincheck-probe",
        "  - CHAINCHECK_LAMBDA_ROLE_ARN: required; e.g. arn:aws:iam::111111111111:role/chaincheck-lambda-role",
        "",
      ].join("\n"),
    ]);
  });

  test.skipIf(dockerAnswers)(
    "--target localstack without a Docker engine exits 3 with one sentence",
    async () => {
      const result = await runCli(["run", "--target", "localstack"]);
      expect([result.code, result.stdout, result.stderr]).toEqual([3, "", `chaincheck: ${NO_DOCKER}\n`]);
    },
  );
});
