/**
 * One execution environment: a Node.js child process (runtime/bootstrap.mjs) that imports the
 * handler once (the init phase) and then serves invocations one at a time, as a Lambda execution
 * environment does. The child's environment is exactly what the caller builds (the function's
 * variables plus Lambda's own), nothing inherited from the emulator's process.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 *
 * Timeouts kill the child (SIGKILL), like Lambda resetting the environment after `Sandbox.Timedout`.
 * Children are unref'd: an idle environment never keeps the emulator's process alive, and the
 * bootstrap exits when the IPC channel closes (the emulator died).
 *
 * The probe's environment may come preloaded (early-runtime.js): Node started and the probe bundle
 * imported before the emulator existed, the function's environment sent when it is adopted.
 *
 * Known gaps: the init phase has a fixed 10 s limit and is not retried during the invoke phase;
 * memory size is reported, not enforced.
 */
import { type ChildProcess, fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { HandlerModule, RuntimeError } from "./handler-module.ts";

const BOOTSTRAP = fileURLToPath(new URL("./bootstrap.mjs", import.meta.url));
const TSX_LOADER = import.meta.resolve("tsx");
const INIT_LIMIT_MS = 10_000;

export interface InvokeRequest {
  requestId: string;
  payload: string;
  invokedFunctionArn: string;
  clientContext?: unknown;
}

export type InvokeOutcome =
  | { kind: "result"; payload: string; maxMemoryMb?: number }
  /** `reset`: the environment is gone (init failure, crash) and must not be reused. */
  | { kind: "error"; error: RuntimeError; maxMemoryMb?: number; reset: boolean }
  | { kind: "timeout"; elapsedMs: number };

type ChildMessage =
  | { type: "ready" }
  | { type: "init-error"; error: RuntimeError }
  | { type: "log"; line: string }
  | { type: "result"; requestId: string; payload: string; maxMemoryMb: number }
  | { type: "error"; requestId: string; error: RuntimeError; maxMemoryMb: number }
  | { type: "fatal"; error: RuntimeError };

interface Pending {
  requestId: string;
  settle(outcome: InvokeOutcome): void;
}

export class ExecutionEnvironment {
  private readonly child: ChildProcess;
  private readonly started = performance.now();
  private initLogs: string[] = [];
  private onLog: ((line: string) => void) | undefined;
  private pending: Pending | undefined;
  private fatal: RuntimeError | undefined;
  private exited = false;
  /** Resolves once the handler is imported: undefined on success, the init error otherwise. */
  readonly initialized: Promise<RuntimeError | "timeout" | undefined>;
  initDurationMs = 0;

  /** `preloaded`: a runtime started with `--preload` for this module (early-runtime.js); it gets
   *  the environment in its init message instead of at its start. */
  constructor(module: HandlerModule, env: Record<string, string>, preloaded?: ChildProcess) {
    this.child =
      preloaded ??
      fork(BOOTSTRAP, [module.file, module.exportPath], {
        cwd: module.root,
        env,
        execArgv: module.typescript ? ["--import", TSX_LOADER] : [],
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        serialization: "json",
      });
    if (preloaded) preloaded.send({ type: "init", env, cwd: module.root });
    this.child.unref();
    this.child.channel?.unref();
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        for (const line of chunk.split("\n")) if (line) this.log(line);
      });
      (stream as unknown as { unref?: () => void })?.unref?.();
    }
    this.initialized = new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve("timeout");
      }, INIT_LIMIT_MS);
      timer.unref();
      const done = (result: RuntimeError | undefined) => {
        clearTimeout(timer);
        this.initDurationMs = performance.now() - this.started;
        resolve(result);
      };
      this.child.on("message", (message: ChildMessage) => {
        if (message.type === "ready") done(undefined);
        else if (message.type === "init-error") done(message.error);
        else this.handle(message);
      });
      // A process that cannot be spawned reports "error" (and no "exit"); treat it as one that exited.
      this.child.on("error", () => {
        if (this.exited) return;
        this.exited = true;
        done(this.fatal ?? exitError(null));
        this.pending?.settle({ kind: "error", error: exitError(null, this.pending.requestId), reset: true });
      });
      this.child.on("exit", (code) => {
        this.exited = true;
        done(this.fatal ?? exitError(code));
        this.pending?.settle({
          kind: "error",
          error: this.fatal ?? exitError(code, this.pending.requestId),
          reset: true,
        });
      });
    });
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null && !this.child.killed;
  }

  /** Run one invocation; the returned promise always settles (result, error or timeout). */
  invoke(request: InvokeRequest, timeoutMs: number, onLog: (line: string) => void): Promise<InvokeOutcome> {
    this.onLog = onLog;
    for (const line of this.initLogs) onLog(line);
    this.initLogs = [];
    const start = performance.now();
    return new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        resolve({ kind: "timeout", elapsedMs: performance.now() - start });
      }, timeoutMs);
      this.pending = {
        requestId: request.requestId,
        settle: (outcome) => {
          clearTimeout(timer);
          this.pending = undefined;
          this.onLog = undefined;
          resolve(outcome);
        },
      };
      if (!this.alive) {
        this.pending.settle({
          kind: "error",
          error: this.fatal ?? exitError(null, request.requestId),
          reset: true,
        });
        return;
      }
      this.child.send({ type: "invoke", ...request, deadlineMs: Date.now() + timeoutMs }, (error) => {
        if (error)
          this.pending?.settle({ kind: "error", error: exitError(null, request.requestId), reset: true });
      });
    });
  }

  kill(): void {
    if (this.alive) this.child.kill("SIGKILL");
  }

  private handle(message: ChildMessage): void {
    if (message.type === "log") this.log(message.line);
    else if (message.type === "fatal") this.fatal = message.error;
    else if (
      (message.type === "result" || message.type === "error") &&
      this.pending?.requestId === message.requestId
    ) {
      this.pending.settle(
        message.type === "result"
          ? { kind: "result", payload: message.payload, maxMemoryMb: message.maxMemoryMb }
          : { kind: "error", error: message.error, maxMemoryMb: message.maxMemoryMb, reset: false },
      );
    }
  }

  private log(line: string): void {
    if (this.onLog) this.onLog(line);
    else this.initLogs.push(line);
  }
}

/** The runtime's report when the process exits under an invocation. */
function exitError(code: number | null, requestId?: string): RuntimeError {
  const message = `${requestId ? `RequestId: ${requestId} ` : ""}Error: Runtime exited with error: exit status ${code ?? "unknown"}`;
  return { errorType: "Runtime.ExitError", errorMessage: message, trace: [] };
}
