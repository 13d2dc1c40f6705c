import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Report } from "../../../helpers/report/types.ts";
import { cleanEnv, type EmulatorProcess, runCli, SEED, startEmulatorProcess } from "./run-cli.ts";

let emulator: EmulatorProcess;
const envFile = join(mkdtempSync(join(tmpdir(), "chaincheck-env-out-")), ".env.emulator");

beforeAll(async () => {
  emulator = await startEmulatorProcess(SEED, ["--env-out", envFile]);
});
afterAll(() => emulator?.stop());

describe("chaincheck emulator --env-out", () => {
  test("writes the endpoint, both region variables, the seed's chain and only the tester's keys", () => {
    const text = readFileSync(envFile, "utf8");
    expect(text).toContain("export CHAINCHECK_TARGET=endpoint\n");
    expect(text).toContain(`export AWS_ENDPOINT_URL=${emulator.endpoint}\n`);
    expect(text).toContain("export AWS_REGION=ap-northeast-1\nexport AWS_DEFAULT_REGION=ap-northeast-1\n");
    expect(text).toContain("export CHAINCHECK_COPY_SOURCE=s3://chaincheck-copy-source/input/sales.csv\n");
    expect(text).toContain('export CHAINCHECK_COPY_OPTIONS="CSV IGNOREHEADER 1"\n');
    expect(text).toContain("export AWS_ACCESS_KEY_ID=AKIACHAINCHECKTESTER\n");
    expect(text).not.toContain("AKIACHAINCHECKADMINB");
    expect(text.match(/AWS_ACCESS_KEY_ID=/g)).toHaveLength(1);
  });

  test("drives chaincheck run --target endpoint --env-file green against the running emulator", async () => {
    const result = await runCli(["run", "--env-file", envFile, "--format", "json"], cleanEnv());
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Report;
    expect([result.code, report.target, report.verdict]).toEqual([0, "endpoint", "pass"]);
    expect(report.links.map((l) => l.status)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
  });

  test("a folder that does not exist exits 2 naming the flag before the emulator starts", async () => {
    const result = await runCli(["emulator", "--port", "0", "--env-out", "/nonexistent-chaincheck/x.env"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--env-out: no such folder /nonexistent-chaincheck");
    expect(result.stdout).toBe("");
  });
});
