/**
 * Warm execution environments, reused per function revision as Lambda reuses them per version:
 * an invocation takes an idle environment of the same revision (warm start) or starts a new one
 * (cold start, with an Init Duration). An environment is dropped after a timeout, a crash or an init
 * failure, when the function changes (its revision id) or is deleted, when its execution-role
 * credentials are close to expiry, and on close().
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle
 */

import { ExecutionEnvironment, type InvokeOutcome, type InvokeRequest } from "./execution-environment.ts";
import type { HandlerModule, RuntimeError } from "./handler-module.ts";

/** What a new environment needs; built only on a cold start (it mints credentials). */
export interface EnvironmentSpec {
  module: HandlerModule;
  env: Record<string, string>;
  /** When the environment's credentials expire. */
  expiresAt?: Date;
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
    let slot = this.takeIdle(key);
    let initDurationMs: number | undefined;
    if (!slot) {
      const built = spec();
      slot = { environment: new ExecutionEnvironment(built.module, built.env), expiresAt: built.expiresAt };
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
    for (const environment of this.all) environment.kill();
    this.all.clear();
    this.idle.clear();
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
