// The probe's execution environment, started before the CLI loads (`chaincheck run` on the embedded
// target with the lambda-probe origin): bin/chaincheck.js forks the Node runtime (bootstrap.mjs) in
// its `--preload` mode for the probe bundle the last run used, so Node's start and the bundle's
// import run while the CLI loads. The emulator adopts that process for the function whose module is
// that file and export (environment-pool.ts), and hands it the function's environment in an `init`
// message; until then the process holds no credential and no variable of the function.
//
// Only the probe is preloaded: it is the project's own bundle, whose import reads no environment
// variable (its SDK clients read theirs when they run), so importing it before the environment is
// set is the same init as after. A user's function is never started this way.
//
// Plain JavaScript, Node built-ins only: bin/chaincheck.js imports it without a TypeScript loader.
// The hand-over goes through one global slot (Symbol.for): the CLI's bundle holds its own copy.
import { fork } from "node:child_process";
import { readHint, writeHint } from "../../core/early-hint.js";

const SLOT = Symbol.for("chaincheck.lambda.earlyRuntime");
/** In the cache folder: the probe module the last `chaincheck run` started. */
const HINT_FILE = "early-lambda.json";
/** Lambda's own variables that are the same for every function (function-environment.ts): set at
 *  the start, so Node starts under the locale, time zone and PATH the function will have. */
export const STATIC_LAMBDA_ENV = {
  LANG: "en_US.UTF-8",
  TZ: ":UTC",
  PATH: "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
};

/**
 * Forks the runtime for the hinted probe module, once per process (nothing without a hint in
 * `cacheDir`). Returns the child (undefined when nothing was started).
 */
export function startLambdaEarly(cacheDir) {
  if (globalThis[SLOT]) return undefined;
  const slot = { child: undefined, hint: undefined, cacheDir, remembered: false };
  globalThis[SLOT] = slot;
  slot.hint = readHint(cacheDir, HINT_FILE, ["file", "exportPath", "root"]);
  if (!slot.hint) return undefined;
  const child = fork(
    new URL("./bootstrap.mjs", import.meta.url).pathname,
    ["--preload", slot.hint.file, slot.hint.exportPath],
    {
      cwd: slot.hint.root,
      env: { ...STATIC_LAMBDA_ENV },
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    },
  );
  child.unref();
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr]) stream?.unref?.();
  slot.child = child;
  const drop = () => {
    if (slot.child === child) slot.child = undefined;
  };
  child.once("error", drop);
  child.once("exit", drop);
  return child;
}

const same = (a, b) => a.file === b.file && a.exportPath === b.exportPath && a.root === b.root;

/**
 * The preloaded runtime for `module`, once: undefined when none, taken, exited, or preloading
 * another module (then it is killed). `module`: { file, exportPath, root, typescript }.
 */
export function takeEarlyRuntime(module) {
  const slot = globalThis[SLOT];
  const child = slot?.child;
  if (!slot || !child) return undefined;
  slot.child = undefined;
  if (module.typescript || !same(slot.hint, module) || child.exitCode !== null) {
    child.kill("SIGKILL");
    return undefined;
  }
  return child;
}

/**
 * After an early start, records the first probe module the emulator starts an environment for
 * (`probe`: whether the function's code is the bundled probe; nothing else is ever preloaded).
 */
export function rememberFirstRuntime(module, probe) {
  const slot = globalThis[SLOT];
  if (!slot || slot.remembered || !slot.cacheDir) return;
  slot.remembered = true;
  if (!probe || module.typescript) return;
  const hint = { file: module.file, exportPath: module.exportPath, root: module.root };
  if (slot.hint && same(slot.hint, hint)) return;
  writeEarlyRuntimeHint(slot.cacheDir, hint);
}

/** Writes the hint the next early start reads (whole or not at all; `npm ci` writes the seed's probe). */
export function writeEarlyRuntimeHint(cacheDir, module) {
  writeHint(cacheDir, HINT_FILE, { file: module.file, exportPath: module.exportPath, root: module.root });
}

/** Ends the early start: an untaken runtime is killed and the slot cleared. */
export function endLambdaEarly() {
  const slot = globalThis[SLOT];
  if (!slot) return;
  delete globalThis[SLOT];
  slot.child?.kill("SIGKILL");
  slot.child = undefined;
}
