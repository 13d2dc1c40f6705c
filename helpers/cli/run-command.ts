/**
 * `chaincheck run`: resolve the target and the chain config, walk the chain, print the report.
 * For the embedded target the chain comes from the setup file's `chain:` block and the harness acts
 * as the user `tester` of the setup's first account.
 */
import { writeFileSync } from "node:fs";
import { ConfigError } from "../../config/chain-config.ts";
import { exitCodeFor, runChain } from "../chain/runner.ts";
import { formatConsoleReport } from "../report/console-reporter.ts";
import { openTarget, TargetUnavailableError } from "../targets/open-target.ts";
import { parseFlags } from "./main.ts";
import { UsageError } from "./usage-error.ts";

const FORMATS = ["console", "json"] as const;

export async function runRunCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    target: { type: "string" },
    setup: { type: "string" },
    scenario: { type: "string" },
    endpoint: { type: "string" },
    "env-file": { type: "string" },
    format: { type: "string", default: "console" },
    output: { type: "string" },
    origin: { type: "string" },
  });
  const format = values.format as string;
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    throw new UsageError(`--format: expected one of ${FORMATS.join(", ")}, got "${format}"`);
  }
  if (values.scenario) {
    console.error("chaincheck: --scenario is not built yet (it arrives with the diagnosis work)");
    return 3;
  }
  let target: Awaited<ReturnType<typeof openTarget>>;
  try {
    target = await openTarget({
      target: values.target,
      setup: values.setup,
      endpoint: values.endpoint,
      envFile: values["env-file"],
      origin: values.origin,
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`chaincheck: ${error.message}`);
      return 2;
    }
    if (error instanceof TargetUnavailableError) {
      console.error(`chaincheck: ${error.message}`);
      return 3;
    }
    throw error;
  }
  try {
    const report = await runChain(target);
    const text = format === "json" ? JSON.stringify(report, null, 2) : formatConsoleReport(report);
    if (values.output) writeFileSync(values.output, `${text}\n`);
    else console.log(text);
    return exitCodeFor(report);
  } finally {
    await target.close();
  }
}
