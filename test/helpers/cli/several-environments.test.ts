import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { RunsEnvelope } from "../../../helpers/report/multi-report.ts";
import { tempFolder as folder } from "../../support/files.ts";
import { reportValidators } from "../report/report-schema.ts";
import { cleanEnv, runCli, SEED } from "./run-cli.ts";
import { seedChainEnv } from "./seed-chain-env.ts";

const BROKEN = new URL("./fixtures/wrong-external-id.yaml", import.meta.url).pathname;
const validate = reportValidators();

function dotenv(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

describe("chaincheck run --format json", () => {
  test("prints a report that validates against docs/report.schema.json", async () => {
    const result = await runCli(["run", "--format", "json"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    const report = JSON.parse(result.stdout);
    expect(validate.report(report)).toEqual([]);
    expect(report.links.map((l: { status: string }) => l.status)).toEqual([
      "pass",
      "pass",
      "pass",
      "pass",
      "pass",
    ]);
  });
});

describe("chaincheck run over several environments", () => {
  test("--env-file twice: one report per environment in an envelope that validates; exit 1 from the broken one", async () => {
    const dir = folder({
      "good.env": `CHAINCHECK_SETUP=${SEED}`,
      "broken.env": `CHAINCHECK_SETUP=${BROKEN}`,
    });
    const good = join(dir, "good.env");
    const broken = join(dir, "broken.env");
    const result = await runCli(["run", "--env-file", good, "--env-file", broken, "--format", "json"]);
    expect([result.code, result.stderr]).toEqual([1, ""]);
    const envelope = JSON.parse(result.stdout) as RunsEnvelope;
    expect(validate.runs(envelope)).toEqual([]);
    expect(
      envelope.runs.map((r) => [r.environment, r.exitCode, r.report?.verdict, r.report?.failedLink]),
    ).toEqual([
      [good, 0, "pass", null],
      [broken, 1, "fail", "assume-role"],
    ]);
    expect(envelope.exitCode).toBe(1);
  });

  test("a matrix: one JUnit testsuite per environment; an unreachable one is an error suite and the exit is 3", async () => {
    const dir = folder({
      "down.env": dotenv({ ...seedChainEnv(), AWS_ENDPOINT_URL: "http://127.0.0.1:9" }),
      "matrix.yaml": [
        "environments:",
        "  - name: broken",
        `    vars: { CHAINCHECK_SETUP: ${BROKEN} }`,
        "  - name: down",
        "    envFile: down.env",
        "    vars: { AWS_ACCESS_KEY_ID: AKIACHAINCHECKDOWN, AWS_SECRET_ACCESS_KEY: canary-secret-of-down-0123456789 }",
      ].join("\n"),
    });
    const result = await runCli(
      ["run", "--matrix", join(dir, "matrix.yaml"), "--format", "junit"],
      cleanEnv(),
    );
    expect([result.code, result.stderr]).toEqual([3, ""]);
    expect(result.stdout.split("\n").filter((l) => l.startsWith("<testsuite"))).toEqual([
      expect.stringMatching(
        /^<testsuites name="chaincheck" tests="6" failures="1" errors="1" skipped="3" time="/,
      ),
      expect.stringMatching(
        /^<testsuite name="chaincheck broken \(embedded, origin lambda-probe\)" tests="5" failures="1" errors="0" skipped="3" /,
      ),
      '<testsuite name="chaincheck down" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
    ]);
    expect(result.stdout).toContain(
      '<error message="the target at http://127.0.0.1:9 does not answer (ECONNREFUSED); start it or fix the endpoint." type="TargetUnavailable">',
    );
    expect(result.stdout).not.toContain("canary-secret-of-down");
  });

  test("a configuration problem in any environment exits 2 before anything runs, naming the environment", async () => {
    const dir = folder({
      "a.env": "CHAINCHECK_TARGET=aws\nAWS_REGION=tokyo",
      "b.env": "CHAINCHECK_ORIGIN=inside",
    });
    const result = await runCli(["run", "--env-file", join(dir, "a.env"), "--env-file", join(dir, "b.env")]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr.split("\n").slice(0, 3)).toEqual([
      "chaincheck: invalid configuration:",
      `  - [${join(dir, "a.env")}] AWS_REGION: expected an AWS region, e.g. ap-northeast-1`,
      `  - [${join(dir, "a.env")}] CHAINCHECK_FUNCTION_NAME: required; e.g. chaincheck-probe`,
    ]);
    expect(result.stderr).toContain(
      `  - [${join(dir, "b.env")}] CHAINCHECK_ORIGIN: expected one of lambda-probe, local, got "inside"; e.g. lambda-probe\n`,
    );
  });
});
