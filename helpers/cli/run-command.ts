/**
 * `chaincheck run`: resolve the config (every problem at once → exit 2), open the target (cannot →
 * exit 3), walk the chain, write the report in the chosen format to stdout or `--output FILE`, and
 * for `--format github` also the step summary to `$GITHUB_STEP_SUMMARY` when that is set. Exit code
 * from the verdict (design.md §5). Everything printed passes through the secret redaction.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { ConfigError } from "../../config/chain-config.ts";
import { type HarnessConfig, resolveHarnessConfig } from "../../config/harness-config.ts";
import { exitCodeFor, runChain } from "../chain/runner.ts";
import { renderReport } from "../report/format-report.ts";
import { formatStepSummary } from "../report/github-reporter.ts";
import { redactReport, redactSecrets } from "../report/redact-secrets.ts";
import type { Report } from "../report/types.ts";
import { breakMismatches, fixMismatches } from "../scenarios/run-scenario.ts";
import { type OpenTarget, openResolvedTarget, TargetUnavailableError } from "../targets/open-target.ts";
import { installInterruptHandler } from "./interrupt-handler.ts";
import { parseFlags } from "./main.ts";
import { scenarioSetup } from "./scenarios-command.ts";
import { UsageError } from "./usage-error.ts";

export async function runRunCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    target: { type: "string" },
    setup: { type: "string" },
    scenario: { type: "string" },
    endpoint: { type: "string" },
    "env-file": { type: "string" },
    format: { type: "string" },
    output: { type: "string" },
    origin: { type: "string" },
  });
  // A scenario is a setup file for the embedded target (fixtures/scenarios/, helpers/scenarios/).
  const picked = values.scenario === undefined ? undefined : scenarioSetup(values.scenario);
  if (picked && values.setup) throw new UsageError("--scenario and --setup both name a setup; give one");
  let config: HarnessConfig;
  let target: OpenTarget;
  try {
    config = resolveHarnessConfig({
      target: values.target,
      setup: picked?.file ?? values.setup,
      endpoint: values.endpoint,
      envFile: values["env-file"],
      origin: values.origin,
      format: values.format,
    });
    if (picked && config.target !== "embedded")
      throw new ConfigError([`--scenario: scenarios run on the embedded target only, not ${config.target}`]);
    target = await openResolvedTarget(config);
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
  }
  const uninstall = installInterruptHandler(() => target.close());
  try {
    const report = await runChain(target);
    if (picked) report.notes.push(scenarioNote(picked, report));
    const text = renderReport(report, config.format, config.env);
    if (values.output) writeFileSync(values.output, `${text}\n`);
    else console.log(text);
    const summary = config.env.GITHUB_STEP_SUMMARY;
    if (config.format === "github" && summary)
      appendFileSync(summary, redactSecrets(formatStepSummary(redactReport(report, config.env)), config.env));
    return exitCodeFor(report);
  } finally {
    uninstall();
    await target.close();
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
