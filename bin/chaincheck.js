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
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as util from "node:util";
import { setFlagsFromString } from "node:v8";
import { cacheDirs } from "../config/cache-dirs.js";
import { startLambdaEarly } from "../emulator/lambda/runtime/early-runtime.js";
import { startSqlEarly } from "../emulator/sql/early-start.js";
import { buildCliBundle, freshCliBundle, loadRunBundle, runBundleOf } from "./cli-bundle.js";

// Before `npm ci` (or `npm install`) none of the packages the CLI loads is there: one line and exit 2
// (nothing was checked), instead of the stack trace of the first import that needs one.
try {
  createRequire(import.meta.url).resolve("@electric-sql/pglite");
} catch {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  process.stderr.write(
    `chaincheck: its dependencies are not installed in ${root}: run \`npm ci\` there first (the README's set-up)\n`,
  );
  process.exit(2);
}

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

/**
 * A `run` setting as the harness will resolve it (config/harness-config.ts): the flag, else the
 * environment, else the env file (`--env-file`'s first, else `.env`; read with Node's own parser
 * where this Node has it). Only to decide what to start early: the CLI resolves and checks it again.
 */
function runSetting(args, flagName, variable) {
  const flag = args.findIndex((a) => a === flagName || a.startsWith(`${flagName}=`));
  if (flag !== -1) return args[flag].split("=")[1] ?? args[flag + 1];
  if (process.env[variable] !== undefined) return process.env[variable];
  const fileFlag = args.findIndex((a) => a === "--env-file" || a.startsWith("--env-file="));
  const file = fileFlag === -1 ? ".env" : (args[fileFlag].split("=")[1] ?? args[fileFlag + 1]);
  try {
    return util.parseEnv?.(readFileSync(resolve(file ?? ".env"), "utf8"))[variable];
  } catch {
    return undefined;
  }
}

// The embedded target's first database starts loading while the CLI loads (emulator/sql/early-start.js),
// and, for the lambda-probe origin, the probe's Lambda runtime starts with its bundle imported
// (emulator/lambda/runtime/early-runtime.js), from the cache folders the emulator will use
// (config/cache-dirs.js). A run that turns out not to need them ends them once its config is resolved.
const args = process.argv.slice(2);
if (
  args[0] === "run" &&
  [undefined, "embedded"].includes(runSetting(args, "--target", "CHAINCHECK_TARGET"))
) {
  const dirs = cacheDirs();
  startSqlEarly(dirs.template);
  if ([undefined, "lambda-probe"].includes(runSetting(args, "--origin", "CHAINCHECK_ORIGIN")))
    startLambdaEarly(dirs.probe);
}

/** Writes the run bundle's code cache after the run, when one was loaded without it (cli-bundle.js). */
let saveCodeCache = () => {};

async function loadMain() {
  if (process.env.CHAINCHECK_NO_BUNDLE !== "1") {
    const entry = freshCliBundle() ?? (await buildCliBundle({ unlessFresh: true }).catch(() => undefined));
    const runBundle = entry && args[0] === "run" ? runBundleOf(entry) : undefined;
    if (runBundle) {
      const { exports: cli, saveCache } = loadRunBundle(runBundle);
      saveCodeCache = saveCache;
      cli.setCliBuild?.(basename(dirname(entry)));
      return cli.main;
    }
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
// Only a run that walked the chain (pass or fail) leaves a code cache worth keeping: V8 caches what
// it compiled, and a run that stopped at bad input or an unreachable target compiled little of it.
if (code === 0 || code === 1) saveCodeCache();
// Interrupted (130 / 143): the cleanups ran and the target is closed; calls of the abandoned chain
// still on the wire must not keep the process alive.
if (code === 130 || code === 143) process.exit(code);
