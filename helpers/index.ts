/**
 * The package's entry for users' own vitest suites (`import { checkChain } from "chaincheck"`):
 * the embedded emulator, the chain's run and its report types. package.json `exports` points here
 * and at the TypeScript sources themselves (vitest transforms them); examples/chain.test.ts is the
 * copyable example, and test/examples/example-suite.test.ts runs it as a user's repo would.
 *
 * Known gaps: no compiled JavaScript or .d.ts yet, so plain `node` (without tsx or vitest) cannot
 * import the package; TypeScript users need `allowImportingTsExtensions`-free resolution of .ts
 * sources, which `moduleResolution: bundler` and `nodenext` both give through `exports` (see the
 * README).
 */
import { runChain } from "./chain/runner.ts";
import type { Report } from "./report/types.ts";
import { openTarget, type TargetOptions } from "./targets/open-target.ts";

export { type ChainConfig, ConfigError, parseChainConfig } from "../config/chain-config.ts";
export {
  loadSetup,
  type RunningEmulator,
  type Setup,
  type SetupInput,
  type SetupLayer,
  SetupValidationError,
  type StartEmulatorOptions,
  type StaticCredentials,
  startEmulator,
} from "../emulator/index.ts";
export { exitCodeFor, type RunChainOptions, runChain } from "./chain/runner.ts";
export type { LinkId } from "./links.ts";
export { formatConsoleReport } from "./report/console-reporter.ts";
export type {
  CallRecord,
  CheckResult,
  Diagnosis,
  LinkError,
  LinkReport,
  Report,
  Warning,
} from "./report/types.ts";
export {
  defaultSetupPath,
  type OpenTarget,
  openTarget,
  type TargetOptions,
  TargetUnavailableError,
} from "./targets/open-target.ts";

/**
 * Opens the target (`target`, `setup`, `envFile`, … as the CLI flags; the rest from `.env` and the
 * environment), walks the chain once and closes the target: the report `chaincheck run` prints.
 */
export async function checkChain(
  options: TargetOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Report> {
  const target = await openTarget(options, env);
  try {
    return await runChain(target);
  } finally {
    await target.close();
  }
}
