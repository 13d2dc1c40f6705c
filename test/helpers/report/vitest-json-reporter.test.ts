import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { TestCase } from "vitest/node";
import ChaincheckJsonReporter from "../../../helpers/report/vitest-json-reporter.ts";
import { failingReport } from "./sample-report.ts";

function testCase(meta: object): TestCase {
  return { meta: () => meta } as unknown as TestCase;
}

describe("vitest JSON reporter", () => {
  test("writes the report the chain suites attached to their tasks", () => {
    const file = join(mkdtempSync(join(tmpdir(), "chaincheck-vitest-")), "out", "chain.json");
    const reporter = new ChaincheckJsonReporter({ outputFile: file });
    reporter.onTestCaseResult(testCase({}));
    reporter.onTestCaseResult(testCase({ chaincheckReport: failingReport() }));
    reporter.onTestRunEnd();
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(failingReport());
  });

  test("writes nothing when no chain suite ran", () => {
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-vitest-"));
    const reporter = new ChaincheckJsonReporter({ outputFile: join(dir, "chain.json") });
    reporter.onTestCaseResult(testCase({}));
    reporter.onTestRunEnd();
    expect(() => readFileSync(join(dir, "chain.json"))).toThrow(/ENOENT/);
  });
});
