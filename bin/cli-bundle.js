#!/usr/bin/env node
// The CLI's build: esbuild bundles helpers/cli/main.ts (split per command, so `chaincheck help` loads
// one small chunk) into .build/cli-<id>/, so `chaincheck` starts without a TypeScript loader. Runs on
// `npm ci` (the `prepare` lifecycle: `node bin/cli-bundle.js`) and again from bin/chaincheck.js
// whenever a source is newer than the build, so a stale build never runs old code.
//
// Files the code finds next to itself (the SQL worker, the Lambda bootstrap, managed policies,
// fixtures, the probe handler) stay where they are: every `import.meta.url` in a bundled source is
// rewritten to that source's own URL, computed from the bundle's location, so relative paths resolve
// exactly as they do from the TypeScript and the checkout can move. npm packages stay external
// (resolved from node_modules at run time: PGlite finds its WebAssembly next to its own files).
//
// `chaincheck run`, the command users start most, loads a second form of the same build: one CommonJS
// file (`run.cjs`, everything inlined, the lazy imports kept lazy by esbuild) compiled through
// `vm.Script` with V8's code cache (`run.cjs.cache`, written after the first run of the build and
// rewritten whenever V8 refuses it: another Node, other V8 flags). Node 20 caches no compiled ES
// module, and compiling the run's 4 MB of JavaScript was a third of the CLI's start; with the cache
// V8 reads bytecode instead (`loadRunBundle`). The split ES-module build stays for every other
// command: `help` loads one small chunk.
//
// Known gaps: builds are kept per id and pruned an hour after they stop being current; a source that
// reads `import.meta.url` through another name (not the literal text) would see the bundle's URL; in
// `run.cjs`, `import.meta.resolve(s)` is CommonJS resolution from the source's folder (the same file
// for a package whose export names one file, as tsx's does).
import { isAscii } from "node:buffer";
import { randomUUID } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire, Module } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { underFileLock } from "../emulator/core/file-lock.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BUILD_DIR = join(ROOT, ".build");
const CURRENT = join(BUILD_DIR, "cli-current.json");
const ENTRY = join(ROOT, "helpers/cli/main.ts");
const SELF = fileURLToPath(import.meta.url);
const PRUNE_AFTER_MS = 60 * 60 * 1000;
const LOCK_STALE_MS = 60_000;
/** Packages loaded from node_modules at run time rather than bundled: PGlite finds its WebAssembly
 *  and data files next to its own modules, testcontainers (and its native ssh2 dependency) loads
 *  only for `--target localstack`, esbuild and tsx are tools. Everything else (the AWS SDK clients,
 *  zod, yaml…) is bundled: resolving and compiling its ~1,500 small modules was most of a start. */
const EXTERNAL = ["@electric-sql/pglite", "testcontainers", "@testcontainers/*", "esbuild", "tsx", "tsx/*"];

/** The current build's entry module (absolute path) when every input is older than the build, else
 *  undefined (never built, an input edited, added in its place or removed, or this file changed). */
export function freshCliBundle() {
  let current;
  try {
    current = JSON.parse(readFileSync(CURRENT, "utf8"));
  } catch {
    return undefined;
  }
  try {
    for (const input of [...current.inputs, relative(ROOT, SELF)])
      if (statSync(join(ROOT, input)).mtimeMs > current.builtAt) return undefined;
    const entry = join(BUILD_DIR, current.dir, "main.js");
    statSync(entry);
    return entry;
  } catch {
    return undefined;
  }
}

/** Rewrites `import.meta.url` in a source (TypeScript, or the plain JavaScript that bin/ also loads
 *  directly, such as config/cache-dirs.js) to that source's own URL, relative to the bundle's folder.
 *  esbuild's `define` works on the syntax tree, so the text inside strings is left alone. For the
 *  CommonJS form the bundle's URL is its `__filename`, and `import.meta.resolve` is resolved with a
 *  `require` rooted at the source. */
function sourceUrlPlugin(outdir, transformSync, format) {
  return {
    name: "source-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        if (args.path.split(/[\\/]/).includes("node_modules")) return undefined;
        const fromBundle = relative(outdir, args.path).split("\\").join("/");
        const { code } = transformSync(readFileSync(args.path, "utf8"), {
          loader: /\.[cm]?ts$/.test(args.path) ? "ts" : "js",
          format: "esm",
          target: "node20",
          sourcefile: args.path,
          define: {
            "import.meta.url": "__chaincheckSourceUrl",
            ...(format === "cjs" ? { "import.meta.resolve": "__chaincheckResolve" } : {}),
          },
        });
        const bundleUrl =
          format === "cjs" ? 'require("node:url").pathToFileURL(__filename)' : "import.meta.url";
        let preamble = `const __chaincheckSourceUrl = new URL(${JSON.stringify(fromBundle)}, ${bundleUrl}).href;\n`;
        if (format === "cjs")
          preamble +=
            'const __chaincheckResolve = (specifier) => require("node:url").pathToFileURL(require("node:module").createRequire(__chaincheckSourceUrl).resolve(specifier)).href;\n';
        return { contents: preamble + code, loader: "js" };
      });
    },
  };
}

/**
 * esbuild's output settings for `run.cjs`: CommonJS; ASCII (see bundleSource); and no `import()`
 * left in it — a lazy import of a package the bundle leaves out (esbuild for the probe, testcontainers
 * for LocalStack, and two Node built-ins some dependencies load late) becomes `require()`. Node 20
 * loses a script's dynamic-import callback for functions V8 restores from the code cache: a function
 * compiled in the run that wrote the cache threw "A dynamic import callback was not specified" the
 * next time, so after a source edit the probe was never bundled again (found this round).
 */
export const RUN_BUNDLE_FORMAT = {
  format: "cjs",
  minifyWhitespace: true,
  charset: "ascii",
  supported: { "dynamic-import": false },
};

/** The `run.cjs` of a build whose ES-module entry is `entry` (main.js), if it was built and this
 *  Node lets a script's `import()` use its own loader (20.12 and later; else the ES modules run). */
export function runBundleOf(entry) {
  if (!vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) return undefined;
  const file = join(dirname(entry), "run.cjs");
  return existsSync(file) ? file : undefined;
}

/** The bundle's text. The build makes it ASCII (`charset: "ascii"`, comments dropped with the
 *  whitespace), so it is read as Latin-1: no UTF-8 decoding, and V8 keeps it as a one-byte string
 *  (half the memory of the two-byte string one non-ASCII comment made of all 5.6 MB). */
function bundleSource(file) {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** Node 20 calls the loader constant experimental and warns on stderr at a script's first `import()`
 *  (the bundle's lazy imports of esbuild and testcontainers did, before the build turned them into
 *  `require()`). The loader it selects is Node's own, so the line tells a user nothing: that one
 *  warning is dropped, every other kept. */
const LOADER_WARNING = "vm.USE_MAIN_CONTEXT_DEFAULT_LOADER is an experimental feature";
let loaderWarningQuiet = false;
function quietLoaderWarning() {
  if (loaderWarningQuiet) return;
  loaderWarningQuiet = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const text = typeof warning === "string" ? warning : warning?.message;
    if (typeof text === "string" && text.startsWith(LOADER_WARNING)) return;
    return emitWarning.call(this, warning, ...rest);
  };
}

/**
 * Loads `run.cjs` (the CLI's exports) through V8's code cache (`cached`: V8 took it). A missing or refused cache costs only
 * the compile it would have saved; `saveCache()` (called by bin/chaincheck.js after the run, when
 * V8 has compiled what the run used) writes it then, atomically, once per build and Node.
 */
export function loadRunBundle(file) {
  quietLoaderWarning();
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(bundleSource(file)), {
    filename: file,
    cachedData,
    // The build leaves no import() in run.cjs (RUN_BUNDLE_FORMAT: they become require()); one that
    // still ran here would go to Node's own loader, resolved from the bundle's folder — but only in
    // functions compiled in this process (see RUN_BUNDLE_FORMAT).
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      const temporary = `${cacheFile}.${process.pid}.${randomUUID()}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // a read-only checkout: the next run compiles again
    }
  };
  return { exports: module.exports, saveCache, cached: Boolean(cachedData) && !script.cachedDataRejected };
}

/**
 * Builds the CLI into a new .build/cli-<id>/ and makes it current (an atomic rename, so concurrent
 * starts see either the old build or the new one). Returns the entry module's path.
 *
 * One build at a time per checkout (a lock file in .build/): processes that find the build stale
 * together (the CLI runs of `npm test` after a source edit) wait for the one building and use its
 * build, instead of each building the same thing on the same cores. `unlessFresh`: return the
 * current build if it is fresh by the time the lock is taken. A lock left by a killed process is
 * broken after LOCK_STALE_MS.
 */
export async function buildCliBundle({ unlessFresh = false } = {}) {
  mkdirSync(BUILD_DIR, { recursive: true });
  return underFileLock(
    join(BUILD_DIR, "build.lock"),
    {
      staleMs: LOCK_STALE_MS,
      // A fresh build answers for `unlessFresh` (a start that found it stale) at any time, and for a
      // build asked for outright only once the lock is ours after another process built.
      done: (waited, holding) => ((unlessFresh || (waited && holding)) && freshCliBundle()) || undefined,
    },
    buildUnlocked,
  );
}

async function buildUnlocked() {
  const { build, transformSync } = await import("esbuild");
  const builtAt = Date.now();
  const dir = `cli-${builtAt.toString(36)}-${randomUUID().slice(0, 8)}`;
  const outdir = join(BUILD_DIR, dir);
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    logLevel: "silent",
    legalComments: "none",
    // Packages' ES-module builds (the AWS SDK's dist-es) before their CommonJS ones: linked as ES
    // modules they need no CommonJS wrapper or interop copy of their exports in every importer
    // (esbuild's __toESM / __copyProps: 30–40 ms of a run's start), and unused parts drop out.
    mainFields: ["module", "main"],
  };
  const [result] = await Promise.all([
    build({
      ...common,
      entryPoints: { main: ENTRY },
      outdir,
      splitting: true,
      format: "esm",
      // Bundled CommonJS dependencies call require() for Node built-ins; an ES module has none.
      banner: {
        js: "import { createRequire as __chaincheckRequire } from 'node:module'; const require = __chaincheckRequire(import.meta.url);",
      },
      metafile: true,
      plugins: [sourceUrlPlugin(outdir, transformSync, "esm")],
    }),
    build({
      ...common,
      ...RUN_BUNDLE_FORMAT,
      entryPoints: { run: ENTRY },
      outdir,
      outExtension: { ".js": ".cjs" },
      plugins: [sourceUrlPlugin(outdir, transformSync, "cjs")],
    }),
  ]);
  // Bundled packages count as one input: npm rewrites node_modules/.package-lock.json on every
  // install, so checking it stands for stat-ing their thousand files on every start.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.split("/").includes("node_modules"));
  if (existsSync(join(ROOT, "node_modules/.package-lock.json")))
    inputs.push("node_modules/.package-lock.json");
  mkdirSync(BUILD_DIR, { recursive: true });
  const temporary = `${CURRENT}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, JSON.stringify({ dir, builtAt, inputs }));
  renameSync(temporary, CURRENT);
  pruneOldBuilds(dir);
  return join(outdir, "main.js");
}

/** Marks builds no longer current and removes those marked over an hour ago (a running process may
 *  still load lazy chunks from the build it started with). */
function pruneOldBuilds(keep) {
  for (const name of readdirSync(BUILD_DIR)) {
    if (!name.startsWith("cli-") || name === keep || name.endsWith(".json") || name.endsWith(".tmp"))
      continue;
    const marker = join(BUILD_DIR, name, "superseded");
    try {
      if (Date.now() - statSync(marker).mtimeMs > PRUNE_AFTER_MS)
        rmSync(join(BUILD_DIR, name), { recursive: true, force: true });
    } catch {
      try {
        writeFileSync(marker, "");
      } catch {
        // another process removed it first
      }
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const entry = await buildCliBundle();
  const ms = Math.round(performance.now() - started);
  console.log(`chaincheck: built the CLI in ${ms} ms → ${relative(ROOT, dirname(entry))}/`);
  // `npm ci` (the `prepare` script) also does the first run's one-time work: the SQL template and
  // the probe bundle. A failure here only leaves that work to the first run, which says so.
  if (process.env.npm_lifecycle_event === "prepare" || process.argv.includes("--first-run")) {
    const start = performance.now();
    try {
      await (await import(pathToFileURL(entry).href)).prepareFirstRun();
      const s = ((performance.now() - start) / 1000).toFixed(1);
      console.log(
        `chaincheck: built the SQL template and the probe bundle in ${s} s (the first run starts warm)`,
      );
    } catch (error) {
      console.log(`chaincheck: the first run will build the SQL template itself (${error.message})`);
    }
  }
}
