/**
 * The probe's deployment package: helpers/probe/handler.ts and everything it imports (the link
 * checks, the AWS SDK clients, zod, the policy engine) bundled by esbuild into one `index.mjs`,
 * zipped with fflate. Bundling the SDK rather than relying on the one in Lambda's runtime pins the
 * exact client versions the harness was tested with.
 *
 * Known gaps: no source maps in the package (stack traces in CloudWatch point into the bundle).
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { cacheDirs } from "../../config/cache-dirs.js";

export const PROBE_HANDLER = "index.handler";
export const PROBE_RUNTIME = "nodejs20.x";

/** The bundled probe module as text. */
export async function bundleProbe(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [new URL("./handler.ts", import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    minify: true,
    legalComments: "none",
    // Packages' ES-module builds first (the AWS SDK's dist-es), as for the CLI (bin/cli-bundle.js):
    // 1.05 → 0.86 MB, and the execution environment starts 12 MiB smaller.
    mainFields: ["module", "main"],
    logLevel: "silent",
    // Bundled CommonJS dependencies call require() for Node built-ins; an ES module has none.
    banner: {
      js: "import { createRequire as __chaincheckRequire } from 'node:module'; const require = __chaincheckRequire(import.meta.url);",
    },
  });
  return result.outputFiles[0].text;
}

/** The zip Lambda receives: `index.mjs` at the root, so the handler is `index.handler`. */
export async function buildProbeZip(): Promise<Uint8Array> {
  const source = await bundleProbe();
  // A fixed timestamp keeps the zip (and so CodeSha256) identical for identical code.
  return zipSync({
    "index.mjs": [new TextEncoder().encode(source), { mtime: new Date("2020-01-01T00:00:00Z") }],
  });
}

const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** Where the probe's sources live (what the bundle is built from), and the lock file for the rest. */
const SOURCE_DIRS = ["helpers", "config", "policy"];

/** Cache key: path, size and mtime of every source file plus the lock file (package.json where
 *  there is none, as in an installed package), so any edit (or a dependency change) builds a new bundle. Stat-only: a few milliseconds for the whole tree. */
function sourcesKey(): string {
  const hash = createHash("sha256");
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) {
        const s = statSync(path);
        hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(join(REPO, dir));
  // An installed package ships no lock file: its package.json (the version) stands for the rest.
  for (const name of ["package-lock.json", "package.json"]) {
    const path = join(REPO, name);
    if (!existsSync(path)) continue;
    const lock = statSync(path);
    hash.update(`${name}\0${lock.size}\0${lock.mtimeMs}`);
    break;
  }
  return hash.digest("hex").slice(0, 16);
}

/** Where the probe bundle of the current sources is (or will be) in `cacheDir`: absolute, as the
 *  Lambda child imports it from its own working directory. One stat walk of the sources (a few
 *  milliseconds): a caller that asks whether it is built, then for it, passes the path on. */
export function probeBundlePath(cacheDir = cacheDirs().bundles): string {
  return join(resolve(cacheDir, "probe"), `probe-${sourcesKey()}.mjs`);
}

/**
 * The bundled probe as a file, for the embedded Lambda: a plain `.mjs` loads in about a third of
 * the time the TypeScript handler takes through tsx in a fresh child process. Built once per
 * source state (≈0.5 s) and cached under `.cache/probe/` (or CHAINCHECK_CACHE_DIR); written to a
 * temporary name and renamed, so concurrent runs never read half a file. Building one removes all
 * but the newest PROBE_BUNDLES_KEPT.
 */
export async function cachedProbeBundle(
  cacheDir = cacheDirs().bundles,
  file = probeBundlePath(cacheDir),
): Promise<string> {
  const dir = dirname(file);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, await bundleProbe());
  renameSync(temporary, file);
  pruneOldBundles(dir);
  return file;
}

/** Bundles kept per cache folder: the newest few, so a run of another source state (a second
 *  checkout sharing CHAINCHECK_CACHE_DIR, a branch switched back) still finds its own. */
export const PROBE_BUNDLES_KEPT = 3;

/** Removes all but the PROBE_BUNDLES_KEPT newest bundles (1.7 MB each; one per source edit). */
function pruneOldBundles(dir: string): void {
  const bundles = readdirSync(dir)
    .filter((name) => /^probe-[0-9a-f]{16}\.mjs$/.test(name))
    .map((name) => ({
      path: join(dir, name),
      mtime: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0,
    }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of bundles.slice(PROBE_BUNDLES_KEPT)) rmSync(old.path, { force: true });
}
