/**
 * `chaincheck merge FILE… [--format console|json|junit|github] [--output FILE]`: the JSON reports
 * of several runs (the shards of `run --shard K/N`, a CI matrix's artifacts) as one report in any
 * format (helpers/report/merge-reports.ts). Exit code: the highest of the merged environments'
 * (3 over 2 over 1 over 0, as `run` over several environments), or 2 when the inputs are refused.
 * With `--format github` and GITHUB_STEP_SUMMARY set, the Markdown summary is appended there too.
 */
import { appendFileSync } from "node:fs";
import { FORMATS, type FormatName, outputPaths } from "../../config/harness-config.ts";
import { outputPathProblems } from "../../config/output-paths.ts";
import { writeFileWhole } from "../../config/write-whole.ts";
import { mergeReports, readMergeInputs } from "../report/merge-reports.ts";
import { formatRunsStepSummary, renderRuns, worstExitCode } from "../report/multi-report.ts";
import { redactSecrets } from "../report/redact-secrets.ts";
import { useColor } from "../report/terminal-style.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

const refused = (problems: string[]) =>
  new UsageError(`merge: cannot merge:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

export async function runMergeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    format: { type: "string" },
    output: { type: "string" },
  });
  if (positionals.length === 0)
    throw new UsageError(
      "merge: needs the JSON reports to merge, e.g. chaincheck merge reports/*.json (written by chaincheck run --format json)",
    );
  const env = process.env;
  const format = (values.format ?? env.CHAINCHECK_FORMAT ?? "console") as FormatName;
  const problems: string[] = [];
  if (!FORMATS.includes(format))
    problems.push(
      `${values.format === undefined ? "CHAINCHECK_FORMAT" : "--format"}: expected one of ${FORMATS.join(", ")}, got "${format}"; e.g. --format junit`,
    );
  else problems.push(...outputPathProblems(outputPaths(values.output, format, env)));
  const inputs = readMergeInputs(positionals, problems);
  const merged = mergeReports(inputs);
  problems.push(...merged.problems);
  if (problems.length > 0) throw refused(problems);
  const color = format === "console" && values.output === undefined && useColor(process.stdout, env);
  const text = renderRuns(merged.runs, format, [env], { color });
  if (values.output) writeFileWhole(values.output, `${text}\n`);
  else console.log(text);
  const summary = env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summary)
    appendFileSync(summary, redactSecrets(formatRunsStepSummary(merged.runs), env));
  return worstExitCode(merged.runs);
}
