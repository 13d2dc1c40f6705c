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
import { type OpenTarget, openResolvedTarget, TargetUnavailableError } from "../targets/open-target.ts";
import { installInterruptHandler } from "./interrupt-handler.ts";
import { parseFlags } from "./main.ts";

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
  if (values.scenario) {
    console.error("chaincheck: --scenario is not built yet (it arrives with the diagnosis work)");
    return 3;
  }
  let config: HarnessConfig;
  let target: OpenTarget;
  try {
    config = resolveHarnessConfig({
      target: values.target,
      setup: values.setup,
      endpoint: values.endpoint,
      envFile: values["env-file"],
      origin: values.origin,
      format: values.format,
    });
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
