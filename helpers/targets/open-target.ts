/**
 * Resolves where the chain runs and with what: the target (embedded emulator, an endpoint, real
 * AWS), the origin, the validated chain config and the harness's own credentials. Shared by the
 * CLI (`chaincheck run`) and the vitest suites so both check exactly the same thing.
 *
 * Precedence: .env (or `envFile`) → environment → explicit options (CLI flags).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";
import { type ChainConfig, ConfigError, chainFromEnv, parseChainConfig } from "../../config/chain-config.ts";
import { startEmulator } from "../../emulator/index.ts";
import type { ClientSettings } from "../chain/context.ts";
import type { Origin } from "../chain/runner.ts";

export const TARGETS = ["embedded", "endpoint", "localstack", "aws"] as const;
export type TargetName = (typeof TARGETS)[number];

export interface TargetOptions {
  target?: string;
  setup?: string;
  endpoint?: string;
  envFile?: string;
  origin?: string;
}

export interface OpenTarget {
  target: TargetName;
  origin: Origin;
  config: ChainConfig;
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  notes: string[];
  close(): Promise<void>;
}

/** A target the harness cannot use here (LocalStack without Docker, …): exit 3, one sentence. */
export class TargetUnavailableError extends Error {
  override name = "TargetUnavailableError";
}

export function defaultSetupPath(): string {
  return new URL("../../fixtures/setups/seed.yaml", import.meta.url).pathname;
}

export function probeHandlerPath(): string {
  return new URL("../probe/handler.ts", import.meta.url).pathname;
}

function setupPath(path: string, variable: string): string {
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new ConfigError([
      `${variable}: no such file ${path}; expected a YAML or JSON setup such as fixtures/setups/seed.yaml`,
    ]);
  }
  return full;
}

export async function openTarget(
  options: TargetOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenTarget> {
  dotenv.config({
    path: options.envFile ?? ".env",
    quiet: true,
    processEnv: env,
  } as dotenv.DotenvConfigOptions);
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL;
  const target = options.target ?? env.CHAINCHECK_TARGET ?? (endpoint ? "endpoint" : "embedded");
  if (!TARGETS.includes(target as TargetName)) {
    throw new ConfigError([
      `--target (CHAINCHECK_TARGET): expected one of ${TARGETS.join(", ")}, got "${target}"`,
    ]);
  }
  // Embedded: the seed deploys the probe, so links 2–5 run inside the function. Elsewhere the probe
  // must be deployed first, so the harness's own identity is the default.
  const origin =
    options.origin ?? env.CHAINCHECK_ORIGIN ?? (target === "embedded" ? "lambda-probe" : "local");
  if (origin !== "local" && origin !== "lambda-probe") {
    throw new ConfigError([`--origin (CHAINCHECK_ORIGIN): expected lambda-probe or local, got "${origin}"`]);
  }
  if (target === "localstack") {
    throw new TargetUnavailableError(
      "--target localstack is not built yet; start LocalStack yourself and use --target endpoint --endpoint http://127.0.0.1:4566",
    );
  }
  if (target === "embedded") {
    const setup = options.setup
      ? setupPath(options.setup, "--setup")
      : env.CHAINCHECK_SETUP
        ? setupPath(env.CHAINCHECK_SETUP, "CHAINCHECK_SETUP")
        : defaultSetupPath();
    const emu = await startEmulator({ setup, probeHandler: probeHandlerPath() });
    try {
      const chain = emu.world.setup.chain;
      if (!chain)
        throw new ConfigError([`${setup}: the setup has no chain: section (what the harness should check)`]);
      return {
        target,
        origin,
        config: parseChainConfig(chain, "setup"),
        endpoint: emu.endpoint,
        testerCredentials: emu.credentials("A:tester"),
        notes: [`embedded emulator seeded from ${setup}`],
        close: () => emu.stop(),
      };
    } catch (error) {
      await emu.stop();
      throw error;
    }
  }
  if (target === "endpoint" && !endpoint) {
    throw new ConfigError([
      "AWS_ENDPOINT_URL (or --endpoint): required for --target endpoint, e.g. http://127.0.0.1:4566",
    ]);
  }
  return {
    target: target as TargetName,
    origin,
    config: parseChainConfig(chainFromEnv(env), "env"),
    endpoint: target === "endpoint" ? endpoint : undefined,
    testerCredentials: undefined,
    notes: [],
    close: async () => {},
  };
}
