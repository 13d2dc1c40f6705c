import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Report } from "../../../helpers/report/types.ts";
import { reportValidators } from "../report/report-schema.ts";
import { cleanEnv, type EmulatorProcess, runNode, startEmulatorProcess } from "./run-cli.ts";
import { seedChainEnv } from "./seed-chain-env.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const VITEST = join(ROOT, "node_modules/vitest/vitest.mjs");

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(() => emulator?.stop());

async function runChainProject(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const { code, stdout, stderr } = await runNode([VITEST, "run", "--project", "chain"], { cwd: ROOT, env });
  return { code, output: stdout + stderr };
}

describe("the chain suites, unchanged, against chaincheck emulator through --target endpoint", () => {
  test("all five link suites pass and the vitest reporter writes an endpoint report that validates", async () => {
    const reportFile = join(mkdtempSync(join(tmpdir(), "chaincheck-suites-")), "report.json");
    const { code, output } = await runChainProject(
      cleanEnv({
        ...seedChainEnv(),
        CHAINCHECK_TARGET: "endpoint",
        AWS_ENDPOINT_URL: emulator.endpoint,
        AWS_REGION: emulator.region,
        AWS_ACCESS_KEY_ID: emulator.accessKeyId,
        AWS_SECRET_ACCESS_KEY: emulator.secretAccessKey,
        CHAINCHECK_REPORT_FILE: reportFile,
        NO_COLOR: "1",
      }),
    );
    expect(code, output).toBe(0);
    expect(output).toMatch(/Tests\s+5 passed \(5\)/);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    expect([report.target, report.origin, report.verdict]).toEqual(["endpoint", "local", "pass"]);
    expect(report.links.map((l) => [l.id, l.status])).toEqual([
      ["lambda-role", "pass"],
      ["assume-role", "pass"],
      ["cluster-credentials", "pass"],
      ["execute-statement", "pass"],
      ["copy-from-s3", "pass"],
    ]);
    expect(reportValidators().report(report)).toEqual([]);
    expect(readFileSync(reportFile, "utf8")).not.toContain(emulator.secretAccessKey);
  });
});
