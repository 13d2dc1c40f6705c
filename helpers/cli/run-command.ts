/**
 * `chaincheck run`: resolve the target and the chain config, walk the chain, print the report.
 * Config precedence: .env (or --env-file) → environment → flags. For the embedded target the chain
 * comes from the setup file's `chain:` block and the harness acts as the user `tester` of the
 * setup's first account.
 */
import { writeFileSync } from "node:fs";
import dotenv from "dotenv";
import { ConfigError, chainFromEnv, parseChainConfig } from "../../config/chain-config.ts";
import { startEmulator } from "../../emulator/index.ts";
import { exitCodeFor, runChain } from "../chain/runner.ts";
import { formatConsoleReport } from "../report/console-reporter.ts";
import type { Report } from "../report/types.ts";
import { probeHandlerPath } from "./emulator-command.ts";
import { parseFlags } from "./main.ts";
import { defaultSetupPath, resolveSetupPath } from "./setup-path.ts";
import { UsageError } from "./usage-error.ts";

const TARGETS = ["embedded", "endpoint", "localstack", "aws"] as const;
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
  dotenv.config({ path: values["env-file"] ?? ".env", quiet: true } as dotenv.DotenvConfigOptions);
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL;
  const target = values.target ?? process.env.CHAINCHECK_TARGET ?? (endpoint ? "endpoint" : "embedded");
  const format = values.format as string;
  if (!TARGETS.includes(target as (typeof TARGETS)[number])) {
    throw new UsageError(
      `--target (CHAINCHECK_TARGET): expected one of ${TARGETS.join(", ")}, got "${target}"`,
    );
  }
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    throw new UsageError(`--format: expected one of ${FORMATS.join(", ")}, got "${format}"`);
  }
  // Embedded: the seed deploys the probe, so run links 2–5 inside the function. Elsewhere the probe
  // must be deployed first, so the harness's own identity is the default.
  const origin =
    values.origin ?? process.env.CHAINCHECK_ORIGIN ?? (target === "embedded" ? "lambda-probe" : "local");
  if (origin !== "local" && origin !== "lambda-probe") {
    throw new UsageError(`--origin (CHAINCHECK_ORIGIN): expected lambda-probe or local, got "${origin}"`);
  }
  if (values.scenario) {
    console.error("chaincheck: --scenario is not built yet (it arrives with the diagnosis work)");
    return 3;
  }
  if (target === "localstack") {
    console.error(
      "chaincheck: --target localstack is not built yet; run LocalStack yourself and use --target endpoint",
    );
    return 3;
  }

  let report: Report;
  try {
    if (target === "embedded") {
      const setup = values.setup
        ? resolveSetupPath(values.setup)
        : process.env.CHAINCHECK_SETUP
          ? resolveSetupPath(process.env.CHAINCHECK_SETUP)
          : defaultSetupPath();
      await using emu = await startEmulator({ setup, probeHandler: probeHandlerPath() });
      const chain = emu.world.setup.chain;
      if (!chain)
        throw new ConfigError([`${setup}: the setup has no chain: section (what the harness should check)`]);
      const config = parseChainConfig(chain, "setup");
      report = await runChain({
        target,
        origin,
        config,
        endpoint: emu.endpoint,
        testerCredentials: emu.credentials("A:tester"),
        notes: [`embedded emulator seeded from ${setup}`],
      });
    } else {
      if (target === "endpoint" && !endpoint) {
        throw new ConfigError([
          "AWS_ENDPOINT_URL (or --endpoint): required for --target endpoint, e.g. http://127.0.0.1:4566",
        ]);
      }
      const config = parseChainConfig(chainFromEnv(process.env), "env");
      report = await runChain({
        target,
        origin,
        config,
        endpoint: target === "endpoint" ? endpoint : undefined,
        testerCredentials: undefined,
      });
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`chaincheck: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const text = format === "json" ? JSON.stringify(report, null, 2) : formatConsoleReport(report);
  if (values.output) writeFileSync(values.output, `${text}\n`);
  else console.log(text);
  return exitCodeFor(report);
}
