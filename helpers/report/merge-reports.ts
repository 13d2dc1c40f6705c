/**
 * `chaincheck merge`: several JSON reports — shards of one fleet (`run --matrix … --shard K/N`),
 * separate matrix runs, single-environment reports — into one run over every environment, which
 * helpers/report/multi-report.ts then prints in any format.
 *
 * Refused (the command exits 2, every problem at once, each naming its file): a file that is not
 * JSON or not a chaincheck report (docs/report.schema.json, docs/report-runs.schema.json); a report
 * of another `schemaVersion` than this chaincheck writes; the same environment in two places (a
 * shard merged twice, or two matrices sharing a name); and, when inputs carry `shard`, shards of
 * different counts or a shard missing or given twice — a shard job that never uploaded its report
 * must not turn into a green fleet.
 *
 * A single-environment report is named after its file (`reports/prod.json` → `prod`). The merged
 * runs are sorted by environment name (code-unit order), so the result depends neither on the
 * order of the files nor on how the environments were split. Its exit code is the highest of the
 * environments' (docs/contracts.md, "Exit codes").
 *
 * Known gaps: the reports' contents are checked for shape (what merging reads), not field by field
 * against the schema; secrets are not re-redacted from values the writing run did not know.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as z from "zod";
import type { Shard } from "../../config/shard.ts";
import type { EnvironmentRun } from "./multi-report.ts";
import type { Report } from "./types.ts";

export const SCHEMA_VERSION = 1;

const exitCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

const reportShape = z.looseObject({
  schemaVersion: z.number(),
  verdict: z.enum(["pass", "fail", "error"]),
  links: z.array(z.looseObject({ id: z.string(), status: z.string() })),
});

const runShape = z.union([
  z.strictObject({ environment: z.string().min(1), exitCode, report: reportShape }),
  z.strictObject({ environment: z.string().min(1), exitCode, error: z.string() }),
]);

const envelopeShape = z.strictObject({
  schemaVersion: z.number(),
  exitCode,
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }).optional(),
  runs: z.array(z.unknown()),
});

export interface MergeInput {
  /** The path as given (messages name it). */
  file: string;
  text: string;
}

export interface Merged {
  runs: EnvironmentRun[];
  problems: string[];
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const EXPECTED = "expected the JSON of `chaincheck run --format json` (one report or a runs envelope)";

const verdictExit = (verdict: Report["verdict"]) => (verdict === "pass" ? 0 : verdict === "fail" ? 1 : 3);

function versionProblem(file: string, where: string, version: unknown): string | undefined {
  if (version === SCHEMA_VERSION) return undefined;
  return `${file}${where}: schemaVersion ${JSON.stringify(version)}; this chaincheck merges schemaVersion ${SCHEMA_VERSION} reports only (merge with the chaincheck that wrote them, or re-run the checks with this one)`;
}

const issueText = (issues: z.core.$ZodIssue[]) =>
  issues.map((i) => `${i.path.map(String).join(".") || "(top)"}: ${i.message}`).join("; ");

interface Read {
  runs: (EnvironmentRun & { file: string })[];
  shard?: Shard;
}

function readOne({ file, text }: MergeInput, problems: string[]): Read | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push(`${file}: not JSON (${(error as Error).message}); ${EXPECTED}`);
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || !("schemaVersion" in raw)) {
    problems.push(`${file}: not a chaincheck report (no schemaVersion); ${EXPECTED}`);
    return undefined;
  }
  const version = versionProblem(file, "", raw.schemaVersion);
  if (version) {
    problems.push(version);
    return undefined;
  }
  if ("runs" in raw) {
    const envelope = envelopeShape.safeParse(raw);
    if (!envelope.success) {
      problems.push(`${file}: ${issueText(envelope.error.issues)}; ${EXPECTED}`);
      return undefined;
    }
    const runs: Read["runs"] = [];
    envelope.data.runs.forEach((entry, i) => {
      const run = runShape.safeParse(entry);
      if (!run.success) {
        problems.push(`${file}: runs.${i}: ${issueText(run.error.issues)}; ${EXPECTED}`);
        return;
      }
      const nested = "report" in run.data ? run.data.report.schemaVersion : SCHEMA_VERSION;
      const problem = versionProblem(file, ` runs.${i}.report`, nested);
      if (problem) problems.push(problem);
      else runs.push({ ...(run.data as EnvironmentRun), file });
    });
    return { runs, shard: envelope.data.shard };
  }
  const report = reportShape.safeParse(raw);
  if (!report.success) {
    problems.push(`${file}: ${issueText(report.error.issues)}; ${EXPECTED}`);
    return undefined;
  }
  const environment = basename(file).replace(/\.json$/i, "");
  const full = report.data as unknown as Report;
  return { runs: [{ environment, exitCode: verdictExit(full.verdict), report: full, file }] };
}

function shardProblems(shards: { file: string; shard: Shard }[]): string[] {
  if (shards.length === 0) return [];
  const counts = [...new Set(shards.map((s) => s.shard.count))];
  if (counts.length > 1)
    return [
      `shards of different counts (${counts.map((c) => `of ${c}`).join(", ")}): ${shards.map((s) => `${s.file} is ${s.shard.index}/${s.shard.count}`).join(", ")}; merge the reports of one sharded run`,
    ];
  const count = counts[0];
  const problems: string[] = [];
  for (let index = 1; index <= count; index++) {
    const files = shards.filter((s) => s.shard.index === index).map((s) => s.file);
    if (files.length === 0)
      problems.push(
        `shard ${index}/${count} missing: no input carries it; its job's report was not downloaded or the job did not run`,
      );
    if (files.length > 1) problems.push(`shard ${index}/${count} given twice: ${files.join(" and ")}`);
  }
  return problems;
}

/** Every input's environments as one run, or the problems that refuse the merge. */
export function mergeReports(inputs: readonly MergeInput[]): Merged {
  const problems: string[] = [];
  const reads = inputs.map((input) => ({ file: input.file, read: readOne(input, problems) }));
  const shards = reads.flatMap(({ file, read }) => (read?.shard ? [{ file, shard: read.shard }] : []));
  problems.push(...shardProblems(shards));
  const seen = new Map<string, string>();
  const runs: EnvironmentRun[] = [];
  for (const { read } of reads)
    for (const { file, ...run } of read?.runs ?? []) {
      const first = seen.get(run.environment);
      if (first !== undefined) {
        problems.push(
          `environment ${run.environment}: in ${first === file ? `${file} twice` : `both ${first} and ${file}`}; each environment must come from one report`,
        );
        continue;
      }
      seen.set(run.environment, file);
      runs.push(run);
    }
  if (problems.length === 0 && runs.length === 0)
    problems.push(`no environments in ${inputs.map((i) => i.file).join(", ")}; ${EXPECTED}`);
  runs.sort((a, b) => byCodeUnit(a.environment, b.environment));
  return { runs, problems };
}

/** The files read from disk (a file that cannot be read is a problem naming it). */
export function readMergeInputs(files: readonly string[], problems: string[]): MergeInput[] {
  return files.flatMap((file) => {
    try {
      return [{ file, text: readFileSync(file, "utf8") }];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a directory" : String(code);
      problems.push(`${file}: ${why}; ${EXPECTED}`);
      return [];
    }
  });
}
