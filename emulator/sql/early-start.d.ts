// Types of early-start.js (plain JavaScript: bin/chaincheck.js loads it without a TypeScript loader).
import type { Worker } from "node:worker_threads";

/** A database as the engine loads it: the template tarball and the database's name in it. */
export interface EarlyOpen {
  templatePath: string;
  database: string;
}

/** Starts the first SQL worker, the compile of pglite.wasm and (with a hint in `cacheDir`, the
 *  template cache folder) the early load, once per process. */
export function startSqlEarly(cacheDir?: string): Worker | undefined;
/** Ends the early start: an untaken worker is terminated and the slot cleared. */
export function endSqlEarly(): Promise<void>;
/** The early worker for `want`, once (undefined when none, taken, exited, or loading another). */
export function takeEarlyWorker(want: EarlyOpen): Worker | undefined;
/** The early compile of pglite.wasm, once (undefined inside when it failed). */
export function takeEarlyWasm(): Promise<WebAssembly.Module | undefined> | undefined;
/** After an early start, records the engine's first database for the next run's early load. */
export function rememberFirstOpen(cacheDir: string, opened: EarlyOpen): void;
/** Writes the hint the next early start reads (atomically). */
export function writeEarlyOpenHint(cacheDir: string, opened: EarlyOpen): void;
