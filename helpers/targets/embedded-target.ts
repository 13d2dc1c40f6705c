/**
 * The `embedded` target: the project's own emulator in this process, seeded from a setup file (the
 * bundled seed by default); the chain comes from the setup's `chain:` block and the harness acts as
 * the setup's user `tester` in account A. The seed contains the probe function, so `lambda-probe`
 * runs links 2–5 inside the emulator's Lambda.
 */
import { ConfigError, parseChainConfig } from "../../config/chain-config.ts";
import type { HarnessConfig } from "../../config/harness-config.ts";
import { type Setup, SetupValidationError, sqlTemplateCached, startEmulator } from "../../emulator/index.ts";
import { cachedProbeBundle } from "../probe/probe-bundle.ts";
import { defaultSetupPath, probeHandlerPath } from "./bundled-paths.ts";
import type { OpenTarget, TargetHooks } from "./target-types.ts";

export { defaultSetupPath, probeHandlerPath };

/** The probe the embedded Lambda runs for the `lambda-probe` origin: the cached bundle (loads
 *  ~0.5 s faster in the function's child process), or the TypeScript handler if bundling fails. */
async function probeModule(origin: HarnessConfig["origin"]): Promise<string> {
  if (origin !== "lambda-probe") return probeHandlerPath();
  return cachedProbeBundle().catch(() => probeHandlerPath());
}

/** Setup problems are configuration problems (exit 2), each naming the bad field's path. */
export function setupConfigError(error: unknown, setup: string): never {
  if (error instanceof SetupValidationError)
    throw new ConfigError(
      error.issues.map((issue, i) => (issue.where ? error.lines[i] : `${setup}: ${error.lines[i]}`)),
    );
  throw error;
}

/** Whether the setup's `index`-th account (0 = A, 1 = B) has a user `name`. */
function hasUser(setup: Setup, index: number, name: string): boolean {
  const account = setup.accounts[index]?.id;
  return setup.users.some((u) => u.account === account && u.name === name);
}

/** What the first run on a machine (or a fresh CHAINCHECK_CACHE_DIR) does once, and for how long
 *  (bench/cli.bench.ts measures the cold start). */
export const TEMPLATE_BUILD_SENTENCE =
  "first run: building the SQL engine's database template (PGlite initdb + Redshift's system tables), once per cache folder — about 4 s, longer on a busy machine";

export async function openEmbeddedTarget(
  config: HarnessConfig,
  hooks: TargetHooks = {},
): Promise<OpenTarget> {
  const setup = config.setup ?? defaultSetupPath();
  if (!sqlTemplateCached()) hooks.oneTimeWork?.(TEMPLATE_BUILD_SENTENCE);
  const emu = await startEmulator({
    setup,
    probeHandler: await probeModule(config.origin),
    prewarm: config.prewarm ?? true,
    prewarmFunction: (config.prewarm ?? true) && config.origin === "lambda-probe",
  }).catch((error: unknown) => setupConfigError(error, setup));
  try {
    const chain = emu.world.setup.chain;
    if (!chain)
      throw new ConfigError([`${setup}: the setup has no chain: section (what the harness should check)`]);
    const accountA = emu.world.setup.accounts[0]?.id;
    if (!hasUser(emu.world.setup, 0, "tester"))
      throw new ConfigError([
        `${setup}: users: no user tester in account ${accountA} (the first account); the embedded target calls AWS as it. Add one, e.g. - { account: "${accountA}", name: tester, attachedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess] }`,
      ]);
    return {
      target: "embedded",
      origin: config.origin,
      config: parseChainConfig(chain, "setup"),
      endpoint: emu.endpoint,
      testerCredentials: emu.credentials("A:tester"),
      // B:admin lets in-run diagnosis read B's trust and role policies (narrows AssumeRole denials).
      readerBCredentials: hasUser(emu.world.setup, 1, "admin") ? emu.credentials("B:admin") : undefined,
      notes: [`embedded emulator seeded from ${setup}`],
      bReader: config.bReader,
      close: () => emu.stop(),
    };
  } catch (error) {
    await emu.stop();
    throw error;
  }
}
