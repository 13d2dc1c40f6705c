/**
 * Runs a scenario (or its fix) on the embedded target and compares the report with what the
 * scenario declares: the broken setup must fail at `expect.link` with `expect.cause` diagnosed
 * there, on side A or B and with no placeholder word in its summary or fix; the fix must run green with every link `pass` (COPY included, none skipped — except a
 * copy-from-s3 skipped because the chain has no COPY source, see fixMismatches).
 *
 * Origin: `local` by default for the self-test and bench — links 2–5 then run in this process
 * instead of a Lambda worker, which is faster on 2 cores. Link 1 is the same in both origins, and
 * for links 2–3 the local origin acts as the same execution role with the same session name (the
 * function's name) as Lambda does, so the IAM decisions are the same. `chaincheck run --scenario`
 * keeps the CLI's default origin (lambda-probe).
 *
 * Known gaps: a run that throws (not a report) is reported as a mismatch with the error's message.
 */
import type { Origin } from "../chain/runner.ts";
import { runChain } from "../chain/runner.ts";
import type { Report } from "../report/types.ts";
import { openEmbeddedTarget } from "../targets/embedded-target.ts";
import type { ScenarioExpect, ScenarioInfo } from "./scenario-list.ts";

export type ScenarioVariant = "break" | "fix";

export interface ScenarioOutcome {
  name: string;
  variant: ScenarioVariant;
  /** Empty when the run showed what the scenario declares. */
  mismatches: string[];
  report?: Report;
  durationMs: number;
}

/** One chain run on a fresh embedded emulator seeded from `setupFile`; the emulator is always stopped. */
export async function runSetup(setupFile: string, origin: Origin = "local"): Promise<Report> {
  const target = await openEmbeddedTarget({
    target: "embedded",
    origin,
    format: "console",
    setup: setupFile,
    env: {},
    prewarm: false,
  });
  try {
    return await runChain(target);
  } finally {
    await target.close();
  }
}

function observed(report: Report): string {
  const failed = report.links.find((l) => l.id === report.failedLink);
  if (!failed) {
    const notPass = report.links.filter((l) => l.status !== "pass").map((l) => `${l.id} ${l.status}`);
    return `verdict ${report.verdict}${notPass.length ? ` (${notPass.join(", ")})` : ""}`;
  }
  const said = failed.error ? ` after ${failed.error.code}` : "";
  const check = failed.checks?.find((c) => c.status === "fail");
  const why = check ? `; failing check "${check.name}": ${check.detail}` : "";
  return `failedLink ${failed.id}${said}, cause ${failed.diagnosis?.cause ?? "(none)"}${why}`;
}

/** What differs between a broken scenario's report and its `expect`. */
export function breakMismatches(expect: ScenarioExpect, report: Report): string[] {
  const diagnosis = report.links.find((l) => l.id === report.failedLink)?.diagnosis;
  const cause = diagnosis?.cause;
  if (report.failedLink === expect.link && cause === expect.cause) {
    const settled =
      expect.settled === undefined || diagnosis?.settled === expect.settled
        ? []
        : [
            `expected a ${expect.settled ? "settled" : "not settled"} diagnosis, got ${diagnosis?.settled ? "settled" : `one of ${diagnosis?.candidates?.length ?? 0} causes`}`,
          ];
    return [...settled, ...diagnosisWordingProblems(report)];
  }
  return [`expected failedLink ${expect.link} with cause ${expect.cause}, got ${observed(report)}`];
}

/** Words that stand where a value was missing (`${undefined}`, `?? "none"`), never meant for a reader. */
const PLACEHOLDER_WORD = /\b(?:none|undefined|null|NaN)\b/;

/**
 * What is wrong with the failed link's diagnosis as text: a side that is not A or B, or a
 * placeholder word in the summary or the fix (docs: "no placeholder words").
 */
export function diagnosisWordingProblems(report: Report): string[] {
  const d = report.links.find((l) => l.id === report.failedLink)?.diagnosis;
  if (!d) return [];
  const problems: string[] = [];
  if (d.side !== "A" && d.side !== "B") problems.push(`diagnosis side is ${String(d.side)}, expected A or B`);
  for (const field of ["summary", "fix"] as const) {
    const m = PLACEHOLDER_WORD.exec(d[field]);
    if (m)
      problems.push(
        `diagnosis ${field} has the placeholder word "${m[0]}": …${d[field].slice(Math.max(0, m.index - 60), m.index + 20)}…`,
      );
  }
  return problems;
}

/** copy-from-s3 skipped because the scenario's chain has no COPY source (its note says so). */
const NO_COPY_SOURCE = /^no COPY source configured/;

/**
 * What keeps a fix's report from being green. A skipped copy-from-s3 counts as green only when the
 * chain has no COPY source: the serverless scenario unsets it, so its fix checks the GetCredentials
 * path alone (fixtures/scenarios/README.md, Choices).
 */
export function fixMismatches(report: Report): string[] {
  const notPass = report.links.filter(
    (l) =>
      l.status !== "pass" &&
      !(l.id === "copy-from-s3" && l.status === "skipped" && NO_COPY_SOURCE.test(l.note ?? "")),
  );
  if (report.verdict === "pass" && notPass.length === 0) return [];
  return [`expected every link to pass, got ${observed(report)}`];
}

/** What differs between a run's report and what the scenario declares for `variant`. */
export function variantMismatches(
  scenario: ScenarioInfo,
  variant: ScenarioVariant,
  report: Report,
): string[] {
  if (variant === "fix") return fixMismatches(report);
  if (!scenario.expect) return ["no expect"];
  return breakMismatches(scenario.expect, report);
}

export async function runScenario(
  scenario: ScenarioInfo,
  variant: ScenarioVariant,
  origin: Origin = "local",
): Promise<ScenarioOutcome> {
  const started = performance.now();
  const done = (mismatches: string[], report?: Report): ScenarioOutcome => ({
    name: scenario.name,
    variant,
    mismatches,
    report,
    durationMs: Math.round(performance.now() - started),
  });
  if (scenario.problem) return done([scenario.problem]);
  const file = variant === "fix" ? scenario.fixFile : scenario.file;
  if (!file) return done([`no ${scenario.name}.fix.yaml next to the scenario`]);
  try {
    const report = await runSetup(file, origin);
    return done(variantMismatches(scenario, variant, report), report);
  } catch (error) {
    const e = error as Error;
    return done([`the run threw ${e.name}: ${e.message}`]);
  }
}
