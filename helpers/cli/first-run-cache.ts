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

import { ensureTemplate } from "../../emulator/sql/template.ts";
import { loadSetup } from "../../emulator/world/load-setup.ts";
import { cachedProbeBundle } from "../probe/probe-bundle.ts";
import { defaultSetupPath } from "../targets/bundled-paths.ts";

export async function prepareFirstRun(): Promise<void> {
  const database = loadSetup(defaultSetupPath()).chain?.database;
  await Promise.all([database ? ensureTemplate(undefined, database) : ensureTemplate(), cachedProbeBundle()]);
}
