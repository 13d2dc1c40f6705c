/**
 * What must happen when a run is interrupted (Ctrl-C / SIGTERM), on the chain's side:
 *
 * - Cleanups: a link registers one while it holds something it created (the COPY check's scratch
 *   table) and unregisters it when its own `finally` has cleaned up. The CLI runs whatever is still
 *   registered on a signal, before the target closes. Only things the harness created are ever
 *   registered.
 * - The run stops calling AWS: a chain runs inside a run scope (`withinRun`); once the scope is
 *   stopped, every AWS call the chain would still make (helpers/aws/call-recorder.ts) throws
 *   RunInterruptedError instead of going out — so no statement follows the cleanup's DROP. The
 *   cleanups themselves run outside any stopped scope.
 *
 * Known gaps: a second signal during cleanup is not special-cased (the cleanups are bounded by the
 * CLI's timeout instead); SIGKILL cannot be caught; a call already on the wire when the signal
 * came is not aborted (its answer is ignored).
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Cleanup = () => Promise<unknown>;

const registered = new Map<symbol, { label: string; run: Cleanup }>();

interface RunScope {
  stopped: boolean;
}

const scope = new AsyncLocalStorage<RunScope>();

/** Thrown instead of an AWS call made after the run was interrupted. */
export class RunInterruptedError extends Error {
  override name = "RunInterruptedError";
}

/** Runs `fn` (a chain run) in its own scope; `stop()` makes its further AWS calls throw. */
export function withinRun<T>(fn: () => Promise<T>): { result: Promise<T>; stop: () => void } {
  const run: RunScope = { stopped: false };
  return {
    result: scope.run(run, fn),
    stop: () => {
      run.stopped = true;
    },
  };
}

/** Throws when the calling run was interrupted (called before every AWS call of the chain). */
export function assertRunGoesOn(service: string, operation: string): void {
  if (scope.getStore()?.stopped)
    throw new RunInterruptedError(`${service} ${operation} not sent: the run was interrupted`);
}

/** Register a cleanup; the returned function unregisters it (call it once the link cleaned up itself). */
export function registerCleanup(label: string, run: Cleanup): () => void {
  const key = Symbol(label);
  registered.set(key, { label, run });
  return () => {
    registered.delete(key);
  };
}

export function pendingCleanups(): string[] {
  return [...registered.values()].map((c) => c.label);
}

/** Run (and unregister) every pending cleanup concurrently, outside any stopped run; returns the
 *  labels of those that failed. */
export async function runPendingCleanups(): Promise<string[]> {
  const entries = [...registered.entries()];
  registered.clear();
  const results = await scope.run({ stopped: false }, () =>
    Promise.allSettled(entries.map(([, c]) => c.run())),
  );
  return entries.flatMap(([, c], i) => {
    const r = results[i];
    return r?.status === "rejected" ? [`${c.label} (${(r.reason as Error)?.message ?? r.reason})`] : [];
  });
}
