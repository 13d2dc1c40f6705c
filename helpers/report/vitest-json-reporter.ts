/**
 * A vitest reporter that writes the chain's JSON report (docs/contracts.md, the same document as
 * `chaincheck run --format json`) after the chain suites ran. It reads the report the suites attach
 * to each test (`task.meta.chaincheckReport`, set in suites/chain-test.ts) — no second run, no
 * reaching into the fixtures.
 *
 * File: the reporter option `outputFile`, else `CHAINCHECK_REPORT_FILE`; neither → it stays quiet.
 * Registered in vitest.config.ts: `reporters: ["default", ["./helpers/report/vitest-json-reporter.ts"]]`.
 *
 * Known gaps: one chain run per vitest run (the last report seen wins).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Reporter, TestCase } from "vitest/node";
import { redactSecrets } from "./redact-secrets.ts";
import type { Report } from "./types.ts";

declare module "vitest" {
  interface TaskMeta {
    /** The chain run's report, attached by the chain suites for reporters. */
    chaincheckReport?: Report;
  }
}

export interface VitestJsonReporterOptions {
  outputFile?: string;
}

export default class ChaincheckJsonReporter implements Reporter {
  private report: Report | undefined;

  constructor(private readonly options: VitestJsonReporterOptions = {}) {}

  onTestCaseResult(testCase: TestCase): void {
    const report = testCase.meta().chaincheckReport;
    if (report) this.report = report;
  }

  onTestRunEnd(): void {
    const file = this.options.outputFile ?? process.env.CHAINCHECK_REPORT_FILE;
    if (!file || !this.report) return;
    const path = resolve(file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${redactSecrets(JSON.stringify(this.report, null, 2))}\n`);
  }
}
