/**
 * `chaincheck render FILE [--format console|json|junit|github|html] [--output FILE]`: a saved JSON
 * report (`run --format json`: the bare report, or the several-environments envelope) in another
 * format, so one run in CI gives its JUnit and its HTML report without walking the chain twice
 * (examples/github-actions-smoke.yml). Redacted like `run`'s output.
 *
 * Exit codes: 0 rendered · 2 a missing or unreadable FILE, a file that is not a chaincheck JSON
 * report, a bad flag. The report's own verdict does not change the exit code (`run` gave that).
 *
 * Known gaps: `--format github` prints the workflow commands only, not the step summary.
 */
import { readFileSync } from "node:fs";
import { FORMATS, type FormatName } from "../../config/harness-config.ts";
import { outputPathProblem } from "../../config/output-paths.ts";
import { writeFileWhole } from "../../config/write-whole.ts";
import { renderReport } from "../report/format-report.ts";
import { type EnvironmentRun, renderRuns } from "../report/multi-report.ts";
import type { Report } from "../report/types.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

const EXAMPLE = "chaincheck render reports/chaincheck.json --format html --output reports/chaincheck.html";

function isReport(value: unknown): value is Report {
  const r = value as Report;
  return (
    typeof r === "object" &&
    r !== null &&
    r.schemaVersion === 1 &&
    Array.isArray(r.links) &&
    typeof r.verdict === "string"
  );
}

function readSaved(file: string): { report: Report } | { runs: EnvironmentRun[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `render: cannot read ${file} (${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory" : code}); expected a JSON report written by chaincheck run --format json, e.g. ${EXAMPLE}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `render: ${file} is not JSON (${(error as Error).message}); expected the output of chaincheck run --format json`,
    );
  }
  if (isReport(value)) return { report: value };
  const runs = (value as { runs?: unknown }).runs;
  if (
    Array.isArray(runs) &&
    runs.every(
      (r) => typeof r?.environment === "string" && (isReport(r.report) || typeof r.error === "string"),
    )
  )
    return { runs: runs as EnvironmentRun[] };
  throw new UsageError(
    `render: ${file} is not a chaincheck JSON report (docs/report.schema.json, schemaVersion 1) nor a runs envelope (docs/report-runs.schema.json); expected the output of chaincheck run --format json`,
  );
}

export async function runRenderCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    format: { type: "string", default: "html" },
    output: { type: "string" },
  });
  const format = values.format as string;
  if (!FORMATS.includes(format as FormatName))
    throw new UsageError(
      `--format: expected one of ${FORMATS.join(", ")}, got "${format}"; e.g. --format html`,
    );
  if (positionals.length !== 1)
    throw new UsageError(`render takes one JSON report file, got ${positionals.length}; e.g. ${EXAMPLE}`);
  const output = values.output as string | undefined;
  const problem =
    output === undefined
      ? undefined
      : outputPathProblem({ name: "--output", path: output, example: "reports/chaincheck.html" });
  if (problem) throw new UsageError(problem);
  const saved = readSaved(positionals[0]);
  const text =
    "report" in saved
      ? renderReport(saved.report, format as FormatName)
      : renderRuns(saved.runs, format as FormatName, [process.env]);
  if (output) writeFileWhole(output, `${text}\n`);
  else console.log(text);
  return 0;
}
