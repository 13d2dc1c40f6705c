// Types of early-runtime.js (plain JavaScript: bin/chaincheck.js loads it without a TypeScript loader).
import type { ChildProcess } from "node:child_process";
import type { HandlerModule } from "./handler-module.ts";

/** Lambda's variables that are the same for every function, set at the preloaded runtime's start. */
export const STATIC_LAMBDA_ENV: Record<string, string>;
/** Forks the runtime for the hinted probe module, once per process (nothing without a hint). */
export function startLambdaEarly(cacheDir?: string): ChildProcess | undefined;
/** The preloaded runtime for `module`, once (undefined when none, taken, exited or another's). */
export function takeEarlyRuntime(module: HandlerModule): ChildProcess | undefined;
/** After an early start, records the first probe module started, for the next run's preload. */
export function rememberFirstRuntime(module: HandlerModule, probe: boolean): void;
/** Ends the early start: an untaken runtime is killed. */
export function endLambdaEarly(): void;
/** Writes the hint the next early start reads (atomically). */
export function writeEarlyRuntimeHint(
  cacheDir: string,
  module: Pick<HandlerModule, "file" | "exportPath" | "root">,
): void;
