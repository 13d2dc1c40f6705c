#!/usr/bin/env -S node --
// Entry point for the `chaincheck` command. Runs the CLI's esbuild bundle (built on `npm ci` by the
// `prepare` script, bin/cli-bundle.js) so no TypeScript loader starts. A missing or stale bundle (a
// source newer than it) is rebuilt first; if that fails the TypeScript sources run through tsx's
// loader, so an edited checkout never runs old code.
//
// `node --` in the line above: Node 20 reads `--env-file` among the *script's* arguments too and
// exits 9 when the file is missing, before chaincheck could say so; after `--` Node leaves every
// argument to the script, so `chaincheck run --env-file FILE` is chaincheck's own flag (exit 2
// with chaincheck's message). `node bin/chaincheck.js …` typed by hand still meets Node's parsing:
// write `node -- bin/chaincheck.js …` there (package.json's `start` does).
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { startLambdaEarly } from "../emulator/lambda/runtime/early-runtime.js";
import { startSqlEarly } from "../emulator/sql/early-start.js";
import { buildCliBundle, freshCliBundle } from "./cli-bundle.js";

// The AWS SDK warns on every run under Node 20 that future SDK releases will need Node 22.
// chaincheck pins SDK versions that support Node 20, so the warning tells its users nothing they can
// act on; the SDK's own switch turns it off (a user who sets the variable keeps their choice).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// PGlite's WebAssembly in this process runs on V8's baseline code (Liftoff) unless a function is very
// hot: V8 otherwise recompiles each warm function with its optimizing compiler, which costs a short
// run more CPU than it saves (measured: the first database's load 0.9 → 0.65 s of CPU, 40 MiB less;
// a 100k-row COPY 5–15 % slower). The budget is V8's rough count of bytes executed before a
// function tiers up (default 1.8 million); set before any WebAssembly is compiled.
setFlagsFromString("--wasm-tiering-budget=1000000000");

/** Whether the run's origin is the probe function (the default), as far as the command line and the
 *  environment say. */
function runsProbe(args) {
  const flag = args.findIndex((a) => a === "--origin" || a.startsWith("--origin="));
  const named = flag === -1 ? process.env.CHAINCHECK_ORIGIN : (args[flag].split("=")[1] ?? args[flag + 1]);
  return !named || named === "lambda-probe";
}

/** Whether this is a `run` that will likely open the embedded emulator's database: no other target
 *  named on the command line or in the environment (a `.env` naming one is only read later; the
 *  early worker is then left unused, about 40 ms of CPU). */
function runsEmbedded(args) {
  if (args[0] !== "run") return false;
  const flag = args.findIndex((a) => a === "--target" || a.startsWith("--target="));
  const named = flag === -1 ? process.env.CHAINCHECK_TARGET : (args[flag].split("=")[1] ?? args[flag + 1]);
  return !named || named === "embedded";
}

// The embedded target's first database starts loading while the CLI loads (emulator/sql/early-start.js),
// and the probe's Lambda runtime starts with its bundle imported (emulator/lambda/runtime/early-runtime.js),
// from the cache folders the emulator will use (config/cache-dirs.ts).
if (runsEmbedded(process.argv.slice(2))) {
  const cache = process.env.CHAINCHECK_CACHE_DIR || fileURLToPath(new URL("../.cache", import.meta.url));
  startSqlEarly(process.env.CHAINCHECK_CACHE_DIR || join(cache, "pglite-template"));
  if (runsProbe(process.argv.slice(2))) startLambdaEarly(join(cache, "probe"));
}

async function loadMain() {
  if (process.env.CHAINCHECK_NO_BUNDLE !== "1") {
    const entry = freshCliBundle() ?? (await buildCliBundle().catch(() => undefined));
    if (entry) {
      const cli = await import(pathToFileURL(entry).href);
      // The bundle's folder names the build: caches of derived data (the scenario list) key on it.
      cli.setCliBuild?.(basename(dirname(entry)));
      return cli.main;
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../helpers/cli/main.ts")).main;
}

const main = await loadMain();
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Interrupted (130 / 143): the cleanups ran and the target is closed; calls of the abandoned chain
// still on the wire must not keep the process alive.
if (code === 130 || code === 143) process.exit(code);
