/**
 * `chaincheck run`: resolve the config (every problem at once → exit 2), open the target (cannot →
 * exit 3), walk the chain, write the report in the chosen format to stdout or `--output FILE`, and
 * for `--format github` also the step summary to `$GITHUB_STEP_SUMMARY` when that is set. Exit code
 * from the verdict (docs/contracts.md). Everything printed passes through the secret redaction.
 *
 * Several environments (`--env-file` given more than once, or `--matrix FILE`; config/environments.ts)
 * run side by side, at most `--concurrency` at once (default 2), with one report section each
 * (helpers/report/multi-report.ts); the exit code is the highest of theirs.
 *
 * Console output is coloured only on a terminal without NO_COLOR; the progress line goes to stderr
 * and only when stderr is a terminal.
 *
 * `--state FILE` / `--notify URL` (helpers/cli/smoke-flags.ts, helpers/notify/): after the report is
 * out, the last verdicts are compared and kept, and a change is posted; their problems are warning
 * lines on stderr, never a different exit code.
 */
import { appendFileSync } from "node:fs";
import { ConfigError } from "../../config/chain-config.ts";
import { isMultiEnvironment } from "../../config/environment-flags.ts";
import { type FormatName, type HarnessConfig, resolveHarnessConfig } from "../../config/harness-config.ts";
import { writeFileWhole } from "../../config/write-whole.ts";
import { endLambdaEarly } from "../../emulator/lambda/runtime/early-runtime.js";
import { endSqlEarly } from "../../emulator/sql/early-start.js";
import { RunInterruptedError, withinRun } from "../chain/interrupt-cleanups.ts";
import { exitCodeFor, runChain } from "../chain/runner.ts";
import { afterRuns, type SmokeOptions, type SmokeRun } from "../notify/smoke-notify.ts";
import { DEFAULT_ENVIRONMENT } from "../notify/verdict-state.ts";
import { renderReport } from "../report/format-report.ts";
import { formatStepSummary } from "../report/github-reporter.ts";
import { formatRunsStepSummary, renderRuns, worstExitCode } from "../report/multi-report.ts";
import { installProgressLine, reportProgress } from "../report/progress.ts";
import { redactReport, redactSecrets } from "../report/redact-secrets.ts";
import { useColor } from "../report/terminal-style.ts";
import type { Report } from "../report/types.ts";
import { breakMismatches, fixMismatches } from "../scenarios/run-scenario.ts";
import { type OpenTarget, openResolvedTarget, TargetUnavailableError } from "../targets/open-target.ts";
import { type Interruption, installInterruptHandler } from "./interrupt-handler.ts";
import { parseFlags } from "./parse-flags.ts";
import { scenarioSetup } from "./scenario-option.ts";
import { SMOKE_FLAGS, smokeOptions } from "./smoke-flags.ts";
import { UsageError } from "./usage-error.ts";
import { applyFixFlags, checkFixTarget, fixFlags } from "./verify-fix-run.ts";

export async function runRunCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    target: { type: "string" },
    setup: { type: "string" },
    scenario: { type: "string" },
    endpoint: { type: "string" },
    "env-file": { type: "string", multiple: true },
    matrix: { type: "string" },
    concurrency: { type: "string" },
    shard: { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
    origin: { type: "string" },
    ...SMOKE_FLAGS,
    "verify-fix": { type: "boolean" },
    "write-fix": { type: "string" },
    baseline: { type: "string" },
  });
  const smoke = smokeOptions(values);
  if (positionals.length > 0) {
    const [word] = positionals;
    throw new UsageError(
      `run takes flags only, got "${word}"; to run a scenario: chaincheck run --scenario ${word}, a setup file: --setup ${word}`,
    );
  }
  const envFiles = values["env-file"] ?? [];
  const fix = fixFlags(values, isMultiEnvironment({ envFiles, matrix: values.matrix }));
  if (isMultiEnvironment({ envFiles, matrix: values.matrix })) {
    if (values.scenario !== undefined)
      throw new UsageError("--scenario runs one setup; it does not combine with several environments");
    if (values.baseline !== undefined)
      throw new UsageError(
        "--baseline compares one environment's world; it does not combine with several environments",
      );
    return runSeveral(values, envFiles, smoke);
  }
  for (const flag of ["concurrency", "shard"] as const)
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag} applies to several environments (--env-file repeated or --matrix)`);
  // A scenario is a setup file for the embedded target (fixtures/scenarios/, helpers/scenarios/).
  const picked = values.scenario === undefined ? undefined : scenarioSetup(values.scenario);
  if (picked && values.setup) throw new UsageError("--scenario and --setup both name a setup; give one");
  if (picked && values.target !== undefined && values.target !== "embedded")
    throw new UsageError(
      `--scenario: scenarios run on the embedded target only, not --target ${values.target}`,
    );
  // The baseline is checked before anything runs (a missing or invalid file is exit 2).
  const baseline =
    values.baseline === undefined
      ? undefined
      : {
          path: values.baseline,
          setup: (await import("../twin/load-compared.ts")).loadCompared(values.baseline, "--baseline"),
        };
  let config: HarnessConfig;
  try {
    config = resolveHarnessConfig({
      target: values.target,
      setup: picked?.file ?? values.setup,
      endpoint: values.endpoint,
      envFile: envFiles[0],
      origin: values.origin,
      format: values.format,
      output: values.output,
    });
    if (picked && config.target !== "embedded")
      throw new ConfigError([`--scenario: scenarios run on the embedded target only, not ${config.target}`]);
    checkFixTarget(fix, config);
    // bin/chaincheck.js started the embedded target's SQL worker and the probe's runtime before the
    // config was known.
    if (config.target !== "embedded") void endSqlEarly();
    if (config.target !== "embedded" || config.origin !== "lambda-probe") endLambdaEarly();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 2;
    }
    throw error;
  }
  const interruption = installInterruptHandler();
  const stopProgress = installProgressLine(process.stderr);
  let target: OpenTarget | undefined;
  try {
    // One-time work (the first run's SQL template build) is announced on one line for the console
    // formats and on the progress line; never inside JSON or JUnit output.
    const format = config.format;
    const opening = openResolvedTarget(config, {
      oneTimeWork: (sentence) => {
        if (format === "console" || format === "github") console.error(`chaincheck: ${sentence}`);
        reportProgress(sentence);
      },
    });
    // A target that finishes opening after a signal is closed at once.
    void interruption.stopped.then(() => opening.then((t) => t.close()).catch(() => undefined));
    const opened = await Promise.race([opening, interruption.stopped]);
    if (typeof opened === "number") return opened;
    const open = closesOnce(opened);
    target = open;
    interruption.onClose(() => open.close());
    const run = withinRun(() => runChain(open));
    interruption.onStop(run.stop);
    const outcome = await Promise.race([settled(run.result, interruption), interruption.stopped]);
    if (typeof outcome === "number") return outcome;
    const report = outcome;
    stopProgress();
    if (picked) report.notes.push(scenarioNote(picked, report));
    if (baseline)
      await (await import("../twin/baseline.ts")).addChangesSinceBaseline(
        report,
        open,
        config.setup,
        baseline,
      );
    if (fix) {
      const verified = await Promise.race([applyFixFlags(fix, config, report), interruption.stopped]);
      if (typeof verified === "number") return verified;
    }
    const text = renderReport(report, config.format, config.env, {
      color: colorFor(config.format, values.output, config.env),
    });
    if (values.output) writeFileWhole(values.output, `${text}\n`);
    else console.log(text);
    const summary = config.env.GITHUB_STEP_SUMMARY;
    if (config.format === "github" && summary)
      appendFileSync(summary, redactSecrets(formatStepSummary(redactReport(report, config.env)), config.env));
    if (smoke) await smokeAfter([{ environment: DEFAULT_ENVIRONMENT, report, env: config.env }], smoke);
    return exitCodeFor(report);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 2;
    }
    if (error instanceof TargetUnavailableError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 3;
    }
    throw error;
  } finally {
    stopProgress();
    interruption.uninstall();
    await target?.close();
  }
}

/** The run's result; once a signal arrived, whatever the run still yields (a report of links cut
 *  short, its RunInterruptedError) waits for the signal's cleanups instead: the command ends with
 *  the signal's code and prints no report. */
function settled<T>(result: Promise<T>, interruption: Interruption): Promise<T | number> {
  return result.then<T | number, T | number>(
    (value) => (interruption.signalled ? interruption.stopped : value),
    (error: unknown) => {
      if (error instanceof RunInterruptedError || interruption.signalled) return interruption.stopped;
      throw error;
    },
  );
}

/** The target with a close() that closes it once however often it is called (signal and finally). */
function closesOnce(target: OpenTarget): OpenTarget {
  let closing: Promise<void> | undefined;
  return { ...target, close: () => (closing ??= target.close()) };
}

/** Colours: console format, to a terminal (not --output), no NO_COLOR. */
function colorFor(
  format: FormatName,
  output: string | undefined,
  env: Record<string, string | undefined>,
): boolean {
  return format === "console" && output === undefined && useColor(process.stdout, env);
}

type RunValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** Several environments: every one's config first (any problem → exit 2, nothing run), then the runs. */
async function runSeveral(values: RunValues, envFiles: string[], smoke?: SmokeOptions): Promise<number> {
  const flag = (name: string) => values[name] as string | undefined;
  // Loaded here: a single-environment run never needs the environments' schema and readers.
  const [{ resolveEnvironments }, { runEnvironments }] = await Promise.all([
    import("../../config/environments.ts"),
    import("./run-environments.ts"),
  ]);
  let plan: ReturnType<typeof resolveEnvironments>;
  try {
    plan = resolveEnvironments({
      target: flag("target"),
      setup: flag("setup"),
      endpoint: flag("endpoint"),
      origin: flag("origin"),
      format: flag("format"),
      envFiles,
      matrix: flag("matrix"),
      concurrency: flag("concurrency"),
      shard: flag("shard"),
      output: flag("output"),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 2;
    }
    throw error;
  }
  if (plan.environments.every((e) => e.config.target !== "embedded")) void endSqlEarly();
  if (plan.environments.every((e) => e.config.target !== "embedded" || e.config.origin !== "lambda-probe"))
    endLambdaEarly();
  // Every environment's format is the same setting (flag or the process's CHAINCHECK_FORMAT).
  const format = plan.environments[0].config.format;
  const envs = plan.environments.map((e) => e.config.env);
  const open = new Set<OpenTarget>();
  const interruption = installInterruptHandler();
  interruption.onClose(async () => {
    await Promise.all([...open].map((t) => t.close()));
  });
  const stopProgress = installProgressLine(process.stderr);
  try {
    const run = withinRun(() => runEnvironments(plan.environments, { concurrency: plan.concurrency, open }));
    interruption.onStop(run.stop);
    const outcome = await Promise.race([settled(run.result, interruption), interruption.stopped]);
    if (typeof outcome === "number") return outcome;
    const runs = outcome;
    stopProgress();
    const text = renderRuns(runs, format, envs, {
      color: colorFor(format, flag("output"), process.env),
      shard: plan.shard,
    });
    const output = flag("output");
    if (output) writeFileWhole(output, `${text}\n`);
    else console.log(text);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (format === "github" && summary) appendFileSync(summary, renderRunsStepSummary(runs, envs));
    if (smoke)
      await smokeAfter(
        runs.map((r, i) => ({ environment: r.environment, report: r.report, env: envs[i] })),
        smoke,
      );
    return worstExitCode(runs);
  } finally {
    stopProgress();
    interruption.uninstall();
  }
}

function renderRunsStepSummary(
  runs: Parameters<typeof formatRunsStepSummary>[0],
  envs: Record<string, string | undefined>[],
): string {
  const redacted = envs.reduce((rs, env) => rs.map((r) => redactReport(r, env)), runs);
  return envs.reduce((text, env) => redactSecrets(text, env), formatRunsStepSummary(redacted));
}

/** State and notifications after the report: problems are warning lines, the exit code stays. */
async function smokeAfter(runs: SmokeRun[], smoke: SmokeOptions): Promise<void> {
  try {
    const { warnings } = await afterRuns(runs, smoke);
    for (const warning of warnings) console.error(redactSecrets(`chaincheck: warning: ${warning}`));
  } catch (error) {
    console.error(redactSecrets(`chaincheck: warning: --state/--notify: ${(error as Error).message}`));
  }
}

/** Whether the run showed what the scenario declares (the exit code stays the run's own). */
function scenarioNote(picked: ReturnType<typeof scenarioSetup>, report: Report): string {
  const { scenario, fix } = picked;
  const wanted = fix
    ? "every link passes"
    : `failedLink ${scenario.expect?.link} with cause ${scenario.expect?.cause}`;
  const mismatches = fix
    ? fixMismatches(report)
    : scenario.expect
      ? breakMismatches(scenario.expect, report)
      : [scenario.problem ?? "no expect"];
  return mismatches.length
    ? `scenario ${scenario.name}${fix ? ".fix" : ""} MISMATCH: ${mismatches.join("; ")}`
    : `scenario ${scenario.name}${fix ? ".fix" : ""}: as declared (${wanted})`;
}
