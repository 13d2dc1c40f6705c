/**
 * The one-time work of a first `chaincheck run` on the embedded target, done ahead by `npm ci` (the
 * `prepare` script, bin/cli-bundle.js): the SQL engine's template with the seed's database, and the
 * probe's bundle, both into the cache folder a run reads (CHAINCHECK_CACHE_DIR, default `.cache/`).
 * The first `npm start` after `npm ci` then starts warm; a run with another cache folder or setup
 * still builds what it lacks, and says so on one line.
 *
 * Known gap: only the seed's database is built; a setup naming another database builds its copy of
 * the template (a second or two) on its first run.
 */

import { dirname } from "node:path";
import { cacheDirs } from "../../config/cache-dirs.js";
import { writeEarlyRuntimeHint } from "../../emulator/lambda/runtime/early-runtime.js";
import { splitHandler } from "../../emulator/lambda/runtime/handler-module.ts";
import { writeEarlyOpenHint } from "../../emulator/sql/early-start.js";
import { DEFAULT_CACHE_DIR, ensureTemplate } from "../../emulator/sql/template.ts";
import { loadSetup } from "../../emulator/world/load-setup.ts";
import { cachedProbeBundle } from "../probe/probe-bundle.ts";
import { defaultSetupPath } from "../targets/bundled-paths.ts";

/** Builds both, and records them as what the first run starts early (emulator/sql/early-start.js,
 *  emulator/lambda/runtime/early-runtime.js), so even the first `npm start` loads its database and
 *  its probe while the CLI loads. */
export async function prepareFirstRun(): Promise<void> {
  const setup = loadSetup(defaultSetupPath());
  const database = setup.chain?.database;
  const [templatePath, bundle] = await Promise.all([
    database ? ensureTemplate(undefined, database) : ensureTemplate(),
    cachedProbeBundle(),
  ]);
  if (database) writeEarlyOpenHint(DEFAULT_CACHE_DIR, { templatePath, database });
  const probe = setup.lambdaFunctions.find((f) => f.name === setup.chain?.functionName);
  if (probe)
    writeEarlyRuntimeHint(cacheDirs().probe, {
      file: bundle,
      exportPath: splitHandler(probe.handler).exportPath,
      root: dirname(bundle),
    });
}
