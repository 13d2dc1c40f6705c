/**
 * YAML setup files parsed before, kept on disk as the JSON of their value, by a hash of their
 * text (and of the `yaml` package's version): a CLI start parsed the bundled seed (6.8 KB) with
 * the `yaml` package in 30–50 ms of a cold process's main thread, every run; JSON.parse of the
 * same value takes well under a millisecond. Positions are not kept: a problem that needs one
 * parses the text again then (setup-positions.ts, as for JSON setup files).
 *
 * A value is kept only when JSON gives it back exactly (`.inf`, `.nan` and the like do not
 * survive JSON, so such a file is parsed every time). Files under `setups/` of the bundles cache
 * folder (config/cache-dirs.js, CHAINCHECK_CACHE_DIR); the newest KEPT are kept; a folder that
 * cannot be written (a read-only checkout) only means parsing again. Written whole
 * (config/write-whole.ts), so a concurrent reader never sees half a file.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { cacheDirs } from "../../config/cache-dirs.js";
import { writeFileWhole } from "../../config/write-whole.ts";

/** Bumped when what is kept changes. */
const FORMAT = "parsed setup 1";
/** Parsed files kept per cache folder (one per distinct text: an edited setup adds one). */
export const PARSED_SETUPS_KEPT = 64;

/** Part of the key: another `yaml` release may read a text differently. */
const YAML_VERSION = String(createRequire(import.meta.url)("yaml/package.json").version);

function keyOf(text: string): string {
  return createHash("sha256").update(`${FORMAT}\0${YAML_VERSION}\0`).update(text).digest("hex").slice(0, 32);
}

function folder(cacheDir: string): string {
  return join(cacheDir, "setups");
}

/** The value parsed from `text` before, or undefined. */
export function cachedSetupValue(text: string, cacheDir = cacheDirs().bundles): unknown {
  try {
    return JSON.parse(readFileSync(join(folder(cacheDir), `${keyOf(text)}.json`), "utf8"));
  } catch {
    return undefined;
  }
}

/** Keeps `value` (what `text` parsed to) for the next process, when JSON gives it back exactly. */
export function keepSetupValue(text: string, value: unknown, cacheDir = cacheDirs().bundles): void {
  const json = JSON.stringify(value);
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) return;
  const dir = folder(cacheDir);
  try {
    mkdirSync(dir, { recursive: true });
    // Owner-only: a setup may hold the emulator's credentials and DB passwords (as its own file does).
    writeFileWhole(join(dir, `${keyOf(text)}.json`), json, { mode: 0o600 });
    prune(dir);
  } catch {
    // a read-only cache folder: the next process parses again
  }
}

function prune(dir: string): void {
  const kept = readdirSync(dir).filter((name) => /^[0-9a-f]{32}\.json$/.test(name));
  if (kept.length <= PARSED_SETUPS_KEPT) return;
  const byAge = kept
    .map((name) => ({ name, mtime: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of byAge.slice(PARSED_SETUPS_KEPT)) rmSync(join(dir, old.name), { force: true });
}
