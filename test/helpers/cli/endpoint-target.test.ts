import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Report } from "../../../helpers/report/types.ts";
import { cleanEnv, type EmulatorProcess, runCli, startEmulatorProcess } from "./run-cli.ts";

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(() => emulator?.stop());

function chainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnv({
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_REGION: emulator.region,
    AWS_ACCESS_KEY_ID: emulator.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.secretAccessKey,
    CHAINCHECK_FUNCTION_NAME: "chaincheck-probe",
    CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
    CHAINCHECK_EXTERNAL_ID: "chaincheck-external-id",
    CHAINCHECK_CLUSTER_ID: "chaincheck-cluster",
    CHAINCHECK_DATABASE: "dev",
    CHAINCHECK_DB_USER: "app_user",
    CHAINCHECK_COPY_SOURCE: "s3://chaincheck-copy-source/input/sales.csv",
    CHAINCHECK_COPY_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
    CHAINCHECK_COPY_TABLE: "public.sales",
    CHAINCHECK_COPY_OPTIONS: "CSV IGNOREHEADER 1",
    ...extra,
  });
}

describe("chaincheck run --target endpoint against chaincheck emulator in a child process", () => {
  test("prints the endpoint and the seeded tester's keys", () => {
    expect([emulator.endpoint, emulator.region, emulator.accessKeyId]).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      "ap-northeast-1",
      "AKIACHAINCHECKTESTER",
    ]);
  });

  test("walks the whole chain green with the local origin and exits 0", async () => {
    const result = await runCli(["run", "--target", "endpoint", "--format", "json"], chainEnv());
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Report;
    expect([result.code, report.target, report.origin, report.verdict, report.failedLink]).toEqual([
      0,
      "endpoint",
      "local",
      "pass",
      null,
    ]);
    expect(report.links.map((l) => l.status)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(report.links.map((l) => [l.control?.outcome, l.assurance])).toEqual(
      Array(5).fill(["refused", "enforced"]),
    );
    expect(report.assurance).toBe("enforced");
    expect(result.stdout).not.toContain(emulator.secretAccessKey);
  });

  test("a wrong ExternalId fails assume-role, blocks the rest and exits 1", async () => {
    const result = await runCli(
      ["run", "--format", "json"],
      chainEnv({ CHAINCHECK_EXTERNAL_ID: "not-the-external-id" }),
    );
    const report = JSON.parse(result.stdout) as Report;
    expect([result.code, report.verdict, report.failedLink]).toEqual([1, "fail", "assume-role"]);
    expect(report.links.map((l) => [l.id, l.status])).toEqual([
      ["lambda-role", "pass"],
      ["assume-role", "fail"],
      ["cluster-credentials", "blocked"],
      ["execute-statement", "blocked"],
      ["copy-from-s3", "blocked"],
    ]);
    expect(report.links[1].error).toMatchObject({
      service: "sts",
      operation: "AssumeRole",
      code: "AccessDenied",
      httpStatus: 403,
    });
  });

  test("probe deploy puts the bundled probe in account A, run --origin lambda-probe uses it, probe remove deletes it", async () => {
    const env = chainEnv({
      CHAINCHECK_FUNCTION_NAME: "chaincheck-probe-cli",
      CHAINCHECK_LAMBDA_ROLE_ARN: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    });
    const deployed = await runCli(["probe", "deploy"], env);
    expect([deployed.code, deployed.stderr]).toEqual([0, ""]);
    expect(deployed.stdout).toMatch(
      /^probe created: arn:aws:lambda:ap-northeast-1:111111111111:function:chaincheck-probe-cli \(role arn:aws:iam::111111111111:role\/chaincheck-lambda-role, \d+ bytes, sha256 \S+\)\n$/,
    );
    const run = await runCli(["run", "--origin", "lambda-probe", "--format", "json"], env);
    const report = JSON.parse(run.stdout) as Report;
    expect([run.code, report.origin, report.verdict]).toEqual([0, "lambda-probe", "pass"]);
    const removed = await runCli(["probe", "remove"], env);
    expect([removed.code, removed.stdout]).toEqual([0, "probe chaincheck-probe-cli deleted\n"]);
  });

  test("an endpoint that does not answer exits 3 with one sentence", async () => {
    const result = await runCli(["run", "--endpoint", "http://127.0.0.1:9"], chainEnv());
    expect([result.code, result.stdout, result.stderr]).toEqual([
      3,
      "",
      "chaincheck: the target at http://127.0.0.1:9 does not answer (ECONNREFUSED); start it or fix the endpoint.\n",
    ]);
  });
});
