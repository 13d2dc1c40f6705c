// The SQL engine's early start for `chaincheck run`: bin/chaincheck.js calls startSqlEarly() before
// it loads the CLI, so the first database's worker thread (Node's start in the thread, importing
// PGlite) and — when the cache folder says which database the last run opened first — the load of
// that database's template (else the compile of pglite.wasm) run while the main thread loads the CLI
// and the setup, instead of after the emulator listens. The engine then takes them: its first worker
// is this one (worker-host.ts) when it wants the database this one loads, and its compiled module is
// this one (sql-engine.ts).
//
// Plain JavaScript, Node built-ins only: bin/chaincheck.js imports it without a TypeScript loader.
// The hand-over goes through one global slot (Symbol.for), because the CLI's bundle holds its own
// copy of this module: bin's copy fills the slot, the bundle's copy takes from it.
//
// Nothing here changes what a database is. The worker is the file the engine would spawn, and the
// early load is the engine's own `open` of the same template tarball (content-addressed: its name
// carries the hash of what built it) for the same database; the engine still sends its `open`, which
// the worker answers with the early load only when template and database are the ones it wants
// (sql-worker.js). An engine that wants another database terminates the worker and spawns its own. A
// run that never opens a database (another target, a setup without a cluster) leaves both unused; the
// thread is unref'd, so it never keeps the process alive.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { readHint, writeHint } from "../core/early-hint.js";
import { lazyWasmValidation } from "./wasm-flags.js";

const SLOT = Symbol.for("chaincheck.sql.earlyStart");
/** In the template cache folder: the database the last `chaincheck run` opened first. */
const HINT_FILE = "early-open.json";

/**
 * Starts the worker once per process (later calls do nothing), and the early load when `cacheDir`
 * holds a hint, else the compile of pglite.wasm. `cacheDir`: the template cache folder the engine
 * will use. Returns the worker started (undefined when one was started before).
 */
export function startSqlEarly(cacheDir) {
  lazyWasmValidation();
  if (globalThis[SLOT]) return undefined;
  const slot = { worker: undefined, wasm: undefined, hint: undefined, cacheDir };
  globalThis[SLOT] = slot;
  // Only bin's copy starts anything, and it is not bundled: import.meta.url is this file's own
  // (the bundle's copy only takes, below).
  const worker = new Worker(new URL("./sql-worker.js", import.meta.url));
  worker.unref();
  slot.worker = worker;
  // Until the engine takes it, a worker that fails to start is dropped (and its error must not be an
  // uncaught 'error' event): the engine then spawns its own and meets the same error there.
  const drop = () => {
    if (slot.worker === worker) slot.worker = undefined;
  };
  worker.once("error", drop);
  worker.once("exit", drop);
  slot.hint = readHint(cacheDir, HINT_FILE, ["templatePath", "database"]);
  // At once, without the compiled module: the compile's result reaches this thread only when the
  // main thread is free, which it is not while it loads the CLI; the worker compiles its own copy,
  // and the engine compiles one only for a database that needs it (database.ts).
  if (slot.hint) {
    worker.postMessage({ op: "preopen", ...slot.hint });
    return worker;
  }
  // No early load: the engine's first database will need the compiled module.
  const dist = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  slot.wasm = readFile(join(dist, "pglite.wasm")).then((bytes) => WebAssembly.compile(bytes));
  // Unused (or failed) it is simply not taken; never an unhandled rejection.
  slot.wasm.catch(() => undefined);
  return worker;
}

/** Ends the early start: an untaken worker is terminated (a run that turned out not to need it)
 *  and the slot cleared, so a later startSqlEarly starts afresh. */
export async function endSqlEarly() {
  const slot = globalThis[SLOT];
  if (!slot) return;
  delete globalThis[SLOT];
  const worker = slot.worker;
  slot.worker = undefined;
  await worker?.terminate();
}

/**
 * The early worker for a database loaded from `want.templatePath` as `want.database`, once:
 * undefined when none was started, it was taken, it has exited, or it is loading another database
 * (then it is terminated: its load cannot be interrupted, a fresh worker is faster).
 */
export function takeEarlyWorker(want) {
  const slot = globalThis[SLOT];
  const worker = slot?.worker;
  if (!slot || !worker) return undefined;
  slot.worker = undefined;
  const hint = slot.hint;
  if (hint && (hint.templatePath !== want.templatePath || hint.database !== want.database)) {
    void worker.terminate();
    return undefined;
  }
  return worker;
}

/** The early compile of pglite.wasm, once (a failed compile yields undefined: compile again). */
export function takeEarlyWasm() {
  const slot = globalThis[SLOT];
  const wasm = slot?.wasm;
  if (slot) slot.wasm = undefined;
  return wasm?.catch(() => undefined);
}

/**
 * After an early start, records the first database the engine opened from a template, for the next
 * run's early load (only when it differs from the hint read; a failed write only costs that load).
 * Does nothing in a process that made no early start (tests, the `emulator` command).
 */
export function rememberFirstOpen(cacheDir, opened) {
  const slot = globalThis[SLOT];
  if (!slot || slot.remembered) return;
  slot.remembered = true;
  const hint = slot.hint;
  if (
    hint &&
    cacheDir === slot.cacheDir &&
    hint.templatePath === opened.templatePath &&
    hint.database === opened.database
  )
    return;
  writeEarlyOpenHint(cacheDir, opened);
}

/** Writes the hint the next early start reads (whole or not at all; `npm ci` writes the seed's). */
export function writeEarlyOpenHint(cacheDir, opened) {
  writeHint(cacheDir, HINT_FILE, { templatePath: opened.templatePath, database: opened.database });
}
