/**
 * The `embedded` target: the project's own emulator in this process, seeded from a setup file (the
 * bundled seed by default); the chain comes from the setup's `chain:` block and the harness acts as
 * the setup's user `tester` in account A. The seed contains the probe function, so `lambda-probe`
 * runs links 2–5 inside the emulator's Lambda.
 */
import { existsSync } from "node:fs";
import { ConfigError, parseChainConfig } from "../../config/chain-config.ts";
import type { HarnessConfig } from "../../config/harness-config.ts";
import { type Setup, SetupValidationError, sqlTemplateCached, startEmulator } from "../../emulator/index.ts";
import { ensureTemplate } from "../../emulator/sql/template.ts";
import { cachedProbeBundle, probeBundlePath } from "../probe/probe-bundle.ts";
import { defaultSetupPath, probeHandlerPath } from "./bundled-paths.ts";
import type { OpenTarget, TargetHooks } from "./target-types.ts";

export { defaultSetupPath, probeHandlerPath };

/** The probe the embedded Lambda runs for the `lambda-probe` origin: the cached bundle (loads
 *  ~0.5 s faster in the function's child process), or the TypeScript handler if bundling fails. */
export async function probeModule(
  origin: HarnessConfig["origin"],
  bundle: string | undefined,
  hooks: TargetHooks,
): Promise<string> {
  if (origin !== "lambda-probe" || !bundle) return probeHandlerPath();
  return cachedProbeBundle(undefined, bundle).catch((error: unknown) => {
    hooks.oneTimeWork?.(probeBundleFailedSentence(error));
    return probeHandlerPath();
  });
}

/** Said when the probe could not be bundled: the run goes on with the TypeScript handler (through
 *  tsx in the function's process: slower, more memory), and the next run tries to bundle again. */
export function probeBundleFailedSentence(error: unknown): string {
  const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  return `could not bundle the probe (${reason}); the embedded Lambda runs its TypeScript source instead, slower, and the next run tries again`;
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

/**
 * One-time work of a start, said on one line before it happens, with roughly how long (the cold
 * start is measured in bench/cli.bench.ts): the SQL engine's template (once per cache folder; `npm
 * ci` builds it ahead), the probe's bundle (again after a source edit), and the template's copy for
 * a database the cache has not seen (after the emulator starts: only then is the setup's database
 * known). Nothing is said on a warm cache.
 */
export function oneTimeSentence(missing: { template: boolean; probe: boolean }): string | undefined {
  if (missing.template)
    return `first run: building the SQL engine's database template (PGlite initdb + Redshift's system tables)${missing.probe ? " and the probe's bundle" : ""}, once per cache folder — about 4 s, longer on a busy machine`;
  if (missing.probe)
    return "first run since the sources changed: bundling the probe for the embedded Lambda (esbuild), once per source state — about 1 s";
  return undefined;
}

export function databaseCopySentence(database: string): string {
  return `first run with database ${database}: copying the SQL engine's template for it, once per cache folder — about 1 s`;
}

export async function openEmbeddedTarget(
  config: HarnessConfig,
  hooks: TargetHooks = {},
): Promise<OpenTarget> {
  const setup = config.setup ?? defaultSetupPath();
  const probe = config.origin === "lambda-probe";
  const templateMissing = !sqlTemplateCached();
  const probeBundle = probe ? probeBundlePath() : undefined;
  const sentence = oneTimeSentence({
    template: templateMissing,
    probe: probeBundle !== undefined && !existsSync(probeBundle),
  });
  if (sentence) hooks.oneTimeWork?.(sentence);
  // A cold cache builds the template (a worker thread) while esbuild bundles the probe (its own
  // process); the emulator's database then waits for the build already under way.
  if (templateMissing && (config.prewarm ?? true)) ensureTemplate().catch(() => undefined);
  const emu = await startEmulator({
    setup,
    probeHandler: await probeModule(config.origin, probeBundle, hooks),
    prewarm: config.prewarm ?? true,
    prewarmFunction: (config.prewarm ?? true) && config.origin === "lambda-probe",
  }).catch((error: unknown) => setupConfigError(error, setup));
  try {
    const chain = emu.world.setup.chain;
    if (!templateMissing && chain?.database && !sqlTemplateCached(undefined, chain.database))
      hooks.oneTimeWork?.(databaseCopySentence(chain.database));
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
