/**
 * The template data directory: `initdb` plus `TEMPLATE_SQL`, built once (3–4 s) and cached on disk
 * as an uncompressed tarball (PGlite `dumpDataDir("none")`), from which every database is loaded
 * with `loadDataDir` (docs/architecture.md, SQL engine). The file name carries a hash of the PGlite version and the
 * template SQL, so changing either builds a new template.
 *
 * Concurrency: calls that pass the same `TemplateBuilds` (one per SQL engine) share one build
 * promise; everyone else (other engines, processes: vitest runs test files in parallel) shares a
 * lock file, and the tarball is written to a temporary name and renamed, so a reader never sees
 * half a file.
 *
 * Databases are named as in the setup (`dev`, not Postgres's `postgres`), because Redshift's texts
 * and `current_database()` show the name: a named template is the base template plus
 * `CREATE DATABASE "<name>" TEMPLATE template1`, cached beside it, and opened with PGlite's
 * `database` option. A cold first run builds both in one PGlite instance (`baseBuild`).
 *
 * Known gap: a lock left by a killed process is ignored after LOCK_STALE_MS, so a build that
 * really takes longer than that may run twice (harmless, just slower).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cacheDirs } from "../../config/cache-dirs.js";
import { underFileLock } from "../core/file-lock.js";
import { TEMPLATE_SQL } from "./template-sql.ts";
import { WorkerHost } from "./worker-host.ts";

// CHAINCHECK_CACHE_DIR moves the cache (config/cache-dirs.js).
export const DEFAULT_CACHE_DIR = cacheDirs().template;
const LOCK_STALE_MS = 120_000;
// Bumped when sql-worker.js builds templates differently (initdb options, what a copy keeps), so a
// cache folder never serves a tarball of the old recipe.
const TEMPLATE_RECIPE =
  "5: 1 MB WAL segments not recycled, checkpointed, the SQL in template1, named copy in one boot without template0 and postgres, then started once and taken after a clean shutdown";
const POLL_MS = 100;

/** Template builds already started, by tarball path: an SQL engine keeps one for its life. */
export type TemplateBuilds = Map<string, Promise<string>>;

/** PGlite's `dist/` folder (its package.json is not exported, so go through the entry point). */
export function pgliteDistDir(): string {
  return dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
}

export function pgliteVersion(): string {
  const manifest = JSON.parse(readFileSync(join(pgliteDistDir(), "..", "package.json"), "utf8"));
  return String(manifest.version);
}

export function templatePath(cacheDir: string): string {
  const hash = createHash("sha256")
    .update(pgliteVersion())
    .update(TEMPLATE_RECIPE)
    .update(JSON.stringify(TEMPLATE_SQL))
    .digest("hex")
    .slice(0, 16);
  return join(cacheDir, `template-${hash}.tar`);
}

/** The base template's database: the template SQL runs in template1 (sql-worker.js), so every copy
 *  and a user's CREATE DATABASE inherit it. */
export const BASE_DATABASE = "template1";

export function namedTemplatePath(cacheDir: string, database: string): string {
  if (database === BASE_DATABASE) return templatePath(cacheDir);
  const tag = createHash("sha256").update(database).digest("hex").slice(0, 8);
  const safe = database.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40);
  return templatePath(cacheDir).replace(/\.tar$/, `-db-${safe}-${tag}.tar`);
}

/** Whether the template holding `database` (default: the base) is already built in `cacheDir`. */
export function templateCached(
  cacheDir: string = DEFAULT_CACHE_DIR,
  database: string = BASE_DATABASE,
): boolean {
  return existsSync(namedTemplatePath(cacheDir, database));
}

/** Returns the path of a ready template tarball holding `database`, building it if needed. */
export function ensureTemplate(
  cacheDir: string = DEFAULT_CACHE_DIR,
  database: string = BASE_DATABASE,
  builds: TemplateBuilds = new Map(),
): Promise<string> {
  const path = namedTemplatePath(cacheDir, database);
  let build = builds.get(path);
  if (!build) {
    build =
      database === BASE_DATABASE
        ? baseBuild(cacheDir, builds)
        : baseBuild(cacheDir, builds, { database, path }).then((base) =>
            locate(cacheDir, path, () => buildNamed(base, database, path)),
          );
    builds.set(path, build);
    build.catch(() => builds.delete(path));
  }
  return build;
}

/** The base template's build, shared through `builds`. When it has to be built and a named copy is
 *  wanted (`also`: a cold first run), the same instance makes the copy too: one PGlite boot instead
 *  of three. */
function baseBuild(
  cacheDir: string,
  builds: TemplateBuilds,
  also?: { database: string; path: string },
): Promise<string> {
  const path = templatePath(cacheDir);
  let build = builds.get(path);
  if (!build) {
    build = locate(cacheDir, path, () => buildBase(path, also));
    builds.set(path, build);
    build.catch(() => builds.delete(path));
  }
  return build;
}

async function locate(cacheDir: string, path: string, build: () => Promise<void>): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  return underFileLock(
    `${path}.lock`,
    { staleMs: LOCK_STALE_MS, pollMs: POLL_MS, done: async () => ((await exists(path)) ? path : undefined) },
    async () => {
      await build();
      return path;
    },
  );
}

function buildBase(path: string, also?: { database: string; path: string }): Promise<void> {
  return buildWith({ op: "build-template", sql: TEMPLATE_SQL, database: also?.database }, path, also?.path);
}

function buildNamed(base: string, database: string, path: string): Promise<void> {
  return buildWith({ op: "build-database", templatePath: base, database }, path);
}

/** Runs the build in a worker of its own and writes its tarball to `path` (and the named copy it
 *  made too, to `namedPath`), each to a temporary name and renamed. */
async function buildWith(
  request: Parameters<WorkerHost["run"]>[0],
  path: string,
  namedPath?: string,
): Promise<void> {
  const host = new WorkerHost({
    init: async () => {},
    cancelled: () => new Error("template build cancelled"),
    failed: (e) => new Error(`template build failed: ${e.message}`),
  });
  try {
    const { tarball, named } = await host.run(request);
    if (!tarball) throw new Error("template build returned no data");
    await writeWhole(path, tarball);
    if (namedPath && named) await writeWhole(namedPath, named);
  } finally {
    await host.close();
  }
}

async function writeWhole(path: string, tarball: ArrayBuffer): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, new Uint8Array(tarball));
  await rename(temporary, path);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.size > 0,
    () => false,
  );
}
