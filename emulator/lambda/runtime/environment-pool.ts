/**
 * Warm execution environments, reused per function revision as Lambda reuses them per version:
 * an invocation takes an idle environment of the same revision (warm start) or starts a new one
 * (cold start, with an Init Duration). An environment is dropped after a timeout, a crash or an init
 * failure, when the function changes (its revision id) or is deleted, when its execution-role
 * credentials are close to expiry, and on close().
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle
 *
 * `prewarm` starts an environment ahead of the first invocation, as provisioned concurrency does
 * (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html): the same child
 * process with the same environment (the execution role's credentials only), initialised while the
 * caller does other work; an invocation arriving during its init waits for it instead of starting a
 * second one, and reports no Init Duration (the init happened before the invocation).
 */

import type { ChildProcess } from "node:child_process";
import { rememberFirstRuntime, takeEarlyRuntime } from "./early-runtime.js";
import { ExecutionEnvironment, type InvokeOutcome, type InvokeRequest } from "./execution-environment.ts";
import type { HandlerModule, RuntimeError } from "./handler-module.ts";

/** What a new environment needs; built only on a cold start (it mints credentials). */
export interface EnvironmentSpec {
  module: HandlerModule;
  env: Record<string, string>;
  /** When the environment's credentials expire. */
  expiresAt?: Date;
  /** The function's code is the project's bundled probe (the one module ever preloaded). */
  probe?: boolean;
}

/** The probe's runtime started before the emulator (early-runtime.js), when it is this module's. */
function preloadedRuntime(spec: EnvironmentSpec): ChildProcess | undefined {
  rememberFirstRuntime(spec.module, spec.probe === true);
  return spec.probe ? takeEarlyRuntime(spec.module) : undefined;
}

export interface PooledOutcome {
  outcome: InvokeOutcome;
  /** Set on a cold start. */
  initDurationMs?: number;
}

interface Slot {
  environment: ExecutionEnvironment;
  expiresAt?: Date;
}

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class EnvironmentPool {
  private readonly idle = new Map<string, Slot[]>();
  private readonly all = new Set<ExecutionEnvironment>();
  /** Current revision per function ARN; environments of other revisions are not reused. */
  private readonly current = new Map<string, string>();
  /** Environments started by prewarm() and still initialising, by function revision key. */
  private readonly warming = new Map<string, Promise<Slot | undefined>>();
  private closed = false;

  constructor(private readonly clock: () => Date) {}

  async invoke(
    functionArn: string,
    revisionId: string,
    spec: () => EnvironmentSpec,
    request: InvokeRequest,
    timeoutMs: number,
    onLog: (line: string) => void,
  ): Promise<PooledOutcome> {
    if (this.closed) throw new Error("the Lambda runtime is closed");
    this.current.set(functionArn, revisionId);
    const key = `${functionArn}#${revisionId}`;
    let slot = this.takeIdle(key) ?? (await this.takeWarming(key));
    // Closed while a prewarmed environment was still starting: nothing new is started after close().
    if (this.closed) throw new Error("the Lambda runtime is closed");
    let initDurationMs: number | undefined;
    if (!slot) {
      const built = spec();
      slot = {
        environment: new ExecutionEnvironment(built.module, built.env, preloadedRuntime(built)),
        expiresAt: built.expiresAt,
      };
      this.all.add(slot.environment);
      const initError = await slot.environment.initialized;
      initDurationMs = slot.environment.initDurationMs;
      if (initError) {
        this.drop(slot.environment);
        return { outcome: initFailure(initError, initDurationMs), initDurationMs };
      }
    }
    const outcome = await slot.environment.invoke(request, timeoutMs, onLog);
    const reusable =
      !this.closed &&
      slot.environment.alive &&
      outcome.kind !== "timeout" &&
      !(outcome.kind === "error" && outcome.reset) &&
      this.current.get(functionArn) === revisionId;
    if (reusable) this.release(key, slot);
    else this.drop(slot.environment);
    return { outcome, initDurationMs };
  }

  /** Starts an environment for the revision now, unless one is idle or starting already; it joins the
   *  idle ones once initialised. A spec that cannot be built (the role is not assumable) or an init
   *  that fails starts nothing: the invocation meets the same problem and reports it. */
  prewarm(functionArn: string, revisionId: string, spec: () => EnvironmentSpec): void {
    const key = `${functionArn}#${revisionId}`;
    if (this.closed || this.warming.has(key) || (this.idle.get(key)?.length ?? 0) > 0) return;
    let built: EnvironmentSpec;
    try {
      built = spec();
    } catch {
      return;
    }
    this.current.set(functionArn, revisionId);
    const slot: Slot = {
      environment: new ExecutionEnvironment(built.module, built.env, preloadedRuntime(built)),
      expiresAt: built.expiresAt,
    };
    this.all.add(slot.environment);
    const ready: Promise<Slot | undefined> = slot.environment.initialized.then((error) => {
      const unclaimed = this.warming.get(key) === ready;
      if (unclaimed) this.warming.delete(key);
      if (error || this.closed || this.current.get(functionArn) !== revisionId) {
        this.drop(slot.environment);
        return undefined;
      }
      if (unclaimed) this.release(key, slot);
      return slot;
    });
    this.warming.set(key, ready);
  }

  /** The function changed or was deleted: its idle environments go now, busy ones when they finish. */
  retire(functionArn: string, revisionId?: string): void {
    if (revisionId) this.current.set(functionArn, revisionId);
    else this.current.delete(functionArn);
    for (const [key, slots] of this.idle) {
      if (!key.startsWith(`${functionArn}#`)) continue;
      for (const slot of slots) this.drop(slot.environment);
      this.idle.delete(key);
    }
  }

  /** Kill every environment, idle or busy (busy invocations settle with an exit error). */
  close(): void {
    this.closed = true;
    this.warming.clear();
    for (const environment of this.all) environment.kill();
    this.all.clear();
    this.idle.clear();
  }

  /** A prewarmed environment still initialising, once it is ready (undefined if its init failed). */
  private async takeWarming(key: string): Promise<Slot | undefined> {
    const ready = this.warming.get(key);
    if (!ready) return undefined;
    this.warming.delete(key);
    const slot = await ready;
    return slot?.environment.alive ? slot : undefined;
  }

  private takeIdle(key: string): Slot | undefined {
    const slots = this.idle.get(key) ?? [];
    const now = this.clock().getTime();
    while (slots.length > 0) {
      const slot = slots.pop()!;
      const fresh = !slot.expiresAt || slot.expiresAt.getTime() - now > REFRESH_MARGIN_MS;
      if (slot.environment.alive && fresh) return slot;
      this.drop(slot.environment);
    }
    return undefined;
  }

  private release(key: string, slot: Slot): void {
    const slots = this.idle.get(key) ?? [];
    slots.push(slot);
    this.idle.set(key, slots);
  }

  private drop(environment: ExecutionEnvironment): void {
    environment.kill();
    this.all.delete(environment);
  }
}

function initFailure(error: RuntimeError | "timeout", elapsedMs: number): InvokeOutcome {
  if (error === "timeout") return { kind: "timeout", elapsedMs };
  return { kind: "error", error, reset: true };
}
