import { describe, expect, test } from "vitest";
import { formatConsoleReport } from "../../../helpers/report/console-reporter.ts";
import {
  type EnvironmentRun,
  formatRuns,
  renderRuns,
  worstExitCode,
} from "../../../helpers/report/multi-report.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { failingReport } from "./sample-report.ts";

function passingReport(): Report {
  return {
    ...failingReport(),
    verdict: "pass",
    failedLink: null,
    durationMs: 500,
    links: failingReport().links.map((l) => ({ id: l.id, status: "pass", durationMs: 10 })),
    notes: [],
  };
}

const RUNS: EnvironmentRun[] = [
  { environment: "staging", exitCode: 0, report: passingReport() },
  { environment: "prod", exitCode: 1, report: failingReport() },
  {
    environment: "dr",
    exitCode: 3,
    error: "the target at http://127.0.0.1:9 does not answer (ECONNREFUSED)",
  },
];

describe("reports of several environments", () => {
  test("the exit code is the highest of the runs'", () => {
    expect([worstExitCode(RUNS), worstExitCode(RUNS.slice(0, 2)), worstExitCode(RUNS.slice(0, 1))]).toEqual([
      3, 1, 0,
    ]);
  });

  test("json: an envelope with one entry per environment, each report unchanged", () => {
    expect(JSON.parse(formatRuns(RUNS, "json"))).toEqual({ schemaVersion: 1, exitCode: 3, runs: RUNS });
  });

  test("console: one section per environment, then a summary line", () => {
    expect(formatRuns(RUNS, "console")).toBe(
      [
        `── environment staging ──\n${formatConsoleReport(passingReport())}`,
        `── environment prod ──\n${formatConsoleReport(failingReport())}`,
        "── environment dr ──\ncould not check: the target at http://127.0.0.1:9 does not answer (ECONNREFUSED)",
        "environments: staging pass (exit 0), prod fail (exit 1), dr error (exit 3) → exit 3",
      ].join("\n\n"),
    );
  });

  test("junit: one testsuite per environment, named after it, totals on testsuites", () => {
    const xml = formatRuns(RUNS, "junit");
    const suites = xml.split("\n").filter((l) => l.startsWith("<testsuite"));
    expect(suites).toEqual([
      '<testsuites name="chaincheck" tests="11" failures="1" errors="2" skipped="2" time="0.812">',
      '<testsuite name="chaincheck staging (embedded, origin lambda-probe)" tests="5" failures="0" errors="0" skipped="0" time="0.500" timestamp="2026-01-02T03:04:05.000Z">',
      '<testsuite name="chaincheck prod (embedded, origin lambda-probe)" tests="5" failures="1" errors="1" skipped="2" time="0.812" timestamp="2026-01-02T03:04:05.000Z">',
      '<testsuite name="chaincheck dr" tests="1" failures="0" errors="1" skipped="0" time="0.000">',
    ]);
    expect(xml).toContain('<properties><property name="environment" value="prod"/><property name="target"');
    expect(xml).toContain(
      '    <error message="the target at http://127.0.0.1:9 does not answer (ECONNREFUSED)" type="TargetUnavailable">',
    );
  });

  test("github: every title names its environment", () => {
    expect(
      formatRuns(RUNS, "github")
        .split("\n")
        .map((l) => l.split("::").slice(0, 2).join("::")),
    ).toEqual([
      "chaincheck [staging]: pass — every link passed (target embedded, origin lambda-probe)",
      "::error title=chaincheck [prod]%3A link assume-role failed",
      "::warning title=chaincheck [prod]%3A link execute-statement could not be checked",
      "::notice title=chaincheck [prod]",
      "chaincheck [prod]: fail — link assume-role failed (target embedded, origin lambda-probe)",
      "::error title=chaincheck [dr]%3A could not check",
    ]);
  });

  test("redacts every environment's own secrets", () => {
    const runs: EnvironmentRun[] = [
      { environment: "a", exitCode: 3, error: "key canary-secret-of-env-a-0123456789 leaked" },
      { environment: "b", exitCode: 3, error: "key canary-secret-of-env-b-0123456789 leaked" },
    ];
    const envs = [
      { AWS_SECRET_ACCESS_KEY: "canary-secret-of-env-a-0123456789" },
      { AWS_SECRET_ACCESS_KEY: "canary-secret-of-env-b-0123456789" },
    ];
    for (const format of ["console", "json", "junit", "github", "html"] as const) {
      const text = renderRuns(runs, format, envs);
      expect(text, format).not.toMatch(/canary-secret/);
      expect(text, format).toContain("key *** leaked");
    }
  });
});
