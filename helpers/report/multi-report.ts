/**
 * The report of a run over several environments (`--env-file` repeated, `--matrix`), in each format:
 *
 * - json: an envelope `{ "schemaVersion": 1, "exitCode": <worst>, "runs": [ { "environment",
 *   "exitCode", "report": <docs/contracts.md report> } | { "environment", "exitCode", "error" } ] }`
 *   (docs/report-runs.schema.json); a single environment still prints the bare report. A run
 *   with `--shard K/N` adds `"shard": { "index": K, "count": N }`, which `chaincheck merge` uses to
 *   notice a shard whose report is missing (helpers/report/merge-reports.ts).
 * - console: one section per environment (a `── environment <name> ──` rule, then its report),
 *   then one summary line.
 * - junit: one <testsuite> per environment in one <testsuites>.
 * - github: every annotation title names its environment; the step summary has one section each.
 * - html: a grid of cards (verdict and chain diagram per environment), then a section each.
 *
 * `error` is for an environment that could not run at all (its target unavailable: exit 3); a
 * configuration problem in any environment stops the whole run before anything runs (exit 2).
 */
import type { FormatName } from "../../config/harness-config.ts";
import { formatShard, type Shard } from "../../config/shard.ts";
import { formatConsoleReport } from "./console-reporter.ts";
import { formatGithubAnnotations, formatStepSummary } from "./github-reporter.ts";
import { formatHtmlRuns } from "./html-reporter.ts";
import { junitDocument, junitSuite } from "./junit-reporter.ts";
import { redactReport, redactSecrets } from "./redact-secrets.ts";
import { COLOR, PLAIN } from "./terminal-style.ts";
import type { Report } from "./types.ts";
import { escapeXml } from "./xml-escape.ts";

export interface EnvironmentRun {
  environment: string;
  exitCode: number;
  report?: Report;
  /** Why the environment could not be checked at all (no report). */
  error?: string;
}

export interface RunsEnvelope {
  schemaVersion: 1;
  exitCode: number;
  /** The part of a matrix this run checked (`--shard K/N`); absent for a whole run. */
  shard?: Shard;
  runs: EnvironmentRun[];
}

export interface RunsFormatOptions {
  /** Console format only: ANSI colours. */
  color?: boolean;
  shard?: Shard;
}

/** The run's exit code: the highest of the environments' (0 pass < 1 a link failed < 3 could not check). */
export function worstExitCode(runs: EnvironmentRun[]): number {
  return runs.reduce((worst, r) => Math.max(worst, r.exitCode), 0);
}

export function runsEnvelope(runs: EnvironmentRun[], shard?: Shard): RunsEnvelope {
  const exitCode = worstExitCode(runs);
  return shard ? { schemaVersion: 1, exitCode, shard, runs } : { schemaVersion: 1, exitCode, runs };
}

function consoleText(runs: EnvironmentRun[], color: boolean, shard?: Shard): string {
  const style = color ? COLOR : PLAIN;
  const sections = runs.map((run) => {
    const rule = style.bold(`── environment ${run.environment} ──`);
    const body = run.report
      ? formatConsoleReport(run.report, { style })
      : style.yellow(`could not check: ${run.error}`);
    return `${rule}\n${body}`;
  });
  const summary = runs
    .map((r) => `${r.environment} ${r.report?.verdict ?? "error"} (exit ${r.exitCode})`)
    .join(", ");
  const of = shard ? ` (shard ${formatShard(shard)})` : "";
  return [...sections, `environments${of}: ${summary} → exit ${worstExitCode(runs)}`].join("\n\n");
}

function junitText(runs: EnvironmentRun[]): string {
  return junitDocument(
    runs.map((run) => {
      if (run.report) return junitSuite(run.report, run.environment);
      const name = escapeXml(run.environment);
      const message = escapeXml(run.error ?? "could not check");
      return {
        lines: [
          `<testsuite name="chaincheck ${name}" tests="1" failures="0" errors="1" skipped="0" time="0.000">`,
          `  <properties><property name="environment" value="${name}"/></properties>`,
          `  <testcase name="target" classname="chaincheck.${name}" time="0.000">`,
          `    <error message="${message}" type="TargetUnavailable">${message}</error>`,
          "  </testcase>",
          "</testsuite>",
        ],
        counts: { tests: 1, failures: 0, errors: 1, skipped: 0, ms: 0 },
      };
    }),
  );
}

function githubText(runs: EnvironmentRun[]): string {
  return runs
    .map((run) =>
      run.report
        ? formatGithubAnnotations(run.report, run.environment)
        : `::error title=chaincheck [${run.environment}]%3A could not check::${run.error?.replace(/%/g, "%25").replace(/\r?\n/g, "%0A")}`,
    )
    .join("\n");
}

export function formatRuns(
  runs: EnvironmentRun[],
  format: FormatName,
  options: RunsFormatOptions = {},
): string {
  if (format === "json") return JSON.stringify(runsEnvelope(runs, options.shard), null, 2);
  if (format === "junit") return junitText(runs);
  if (format === "github") return githubText(runs);
  if (format === "html") return formatHtmlRuns(runs, worstExitCode(runs));
  return consoleText(runs, options.color === true, options.shard);
}

export function formatRunsStepSummary(runs: EnvironmentRun[]): string {
  return runs
    .map((run) =>
      run.report
        ? `## environment ${run.environment}\n\n${formatStepSummary(run.report)}`
        : `## environment ${run.environment}\n\ncould not check: ${run.error}\n`,
    )
    .join("\n");
}

/** What the CLI prints: redacted with every environment's secrets (each may bring its own keys),
 *  the reports before formatting and the text again after. */
export function renderRuns(
  runs: EnvironmentRun[],
  format: FormatName,
  envs: Record<string, string | undefined>[],
  options: RunsFormatOptions = {},
): string {
  const redacted = envs.reduce((rs, env) => rs.map((r) => redactReport(r, env)), runs);
  return envs.reduce((text, env) => redactSecrets(text, env), formatRuns(redacted, format, options));
}
