/**
 * The SQL engine behind the emulated Redshift: one PGlite database per (account, cluster,
 * database), each in its own worker thread, created from a cached template (see `template.ts`).
 *
 *   const engine = createSqlEngine();
 *   const db = await engine.database({ account, clusterId, database }, seed);
 *   const { rows } = await db.execute("SELECT GETDATE()", { user: "IAM:app_user" });
 *   await engine.close();
 *
 * `database()` creates a database once per key and returns the same instance afterwards (the seed
 * of later calls is ignored). Concurrent first calls share the template build and the creation.
 *
 * Known gaps: databases are in memory only (gone with the process); the seed of an existing key
 * is not compared with a later one.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Database } from "./database.ts";
import { rememberFirstOpen, takeEarlyWasm } from "./early-start.js";
import { DEFAULT_CACHE_DIR, ensureTemplate, pgliteDistDir, type TemplateBuilds } from "./template.ts";
import type { DatabaseKey, DatabaseSeed } from "./types.ts";
import { lazyWasmValidation } from "./wasm-flags.js";
import { WorkerSlots } from "./worker-slots.ts";

export interface SqlEngineOptions {
  /** Where the template tarball is cached; default `<repo>/.cache/pglite-template`. */
  cacheDir?: string;
  /** Live database workers at most (~200 MB each); idle ones are hibernated past it. Default 8. */
  maxWorkers?: number;
}

export interface SqlEngine {
  database(key: DatabaseKey, seed: DatabaseSeed): Promise<Database>;
  /** Path of the template tarball, building it if needed (databases call this themselves). */
  template(): Promise<string>;
  /** Closes every database and worker; the engine cannot be used afterwards. */
  close(): Promise<void>;
}

// pglite.wasm compiled once per process and handed to every worker (structured clone shares a
// compiled module between threads): a new database skips the compile, and the code V8 tiers up
// for one database serves the next — measured, a database's open costs about 0.45 s of CPU in a
// process that opened one before, 0.6 s with a module compiled per engine, 0.85–1 s for the first.
let compiledWasm: Promise<WebAssembly.Module> | undefined;

function pgliteWasmModule(): Promise<WebAssembly.Module> {
  compiledWasm ??= (async () => {
    // `chaincheck run` starts the compile before it loads the CLI (early-start.js).
    const early = await takeEarlyWasm();
    if (early) return early;
    lazyWasmValidation();
    const path = join(pgliteDistDir(), "pglite.wasm");
    // The project's `lib` setting types WebAssembly's namespace but not its global value.
    const wasm = (
      globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<WebAssembly.Module> } }
    ).WebAssembly;
    return wasm.compile(await readFile(path));
  })();
  compiledWasm.catch(() => {
    compiledWasm = undefined;
  });
  return compiledWasm;
}

export function createSqlEngine(options: SqlEngineOptions = {}): SqlEngine {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const databases = new Map<string, Promise<Database>>();
  const builds: TemplateBuilds = new Map();
  const opened = new Set<Database>();
  const slots = new WorkerSlots(options.maxWorkers ?? 8, () => opened);
  let closed = false;

  return {
    template: () => ensureTemplate(cacheDir, undefined, builds),

    database(key, seed) {
      if (closed) return Promise.reject(new Error("SQL engine is closed"));
      const id = JSON.stringify([key.account, key.clusterId, key.database]);
      let db = databases.get(id);
      if (!db) {
        db = (async () => {
          const templatePath = await ensureTemplate(cacheDir, key.database, builds);
          rememberFirstOpen(cacheDir, { templatePath, database: key.database });
          const created = new Database({
            key: { ...key },
            seed: structuredClone(seed),
            templatePath,
            wasmModule: pgliteWasmModule,
            onSpawn: (d) => slots.acquire(d),
            onStop: (d) => slots.release(d),
          });
          opened.add(created);
          try {
            await created.open();
          } catch (error) {
            opened.delete(created);
            await created.close();
            throw error;
          }
          return created;
        })();
        databases.set(id, db);
        db.catch(() => databases.delete(id));
      }
      return db;
    },

    async close() {
      closed = true;
      const all = await Promise.allSettled(databases.values());
      databases.clear();
      await Promise.all(all.map((r) => (r.status === "fulfilled" ? r.value.close() : undefined)));
      opened.clear();
    },
  };
}
