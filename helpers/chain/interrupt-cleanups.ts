/**
 * Cleanups that must run even when the run is interrupted (Ctrl-C / SIGTERM): a link registers one
 * while it holds something it created (the COPY check's scratch table) and unregisters it when its
 * own `finally` has cleaned up. The CLI runs whatever is still registered on a signal, before the
 * target closes. Only things the harness created are ever registered.
 *
 * Known gaps: a second signal during cleanup is not special-cased (the cleanups are bounded by the
 * CLI's timeout instead); SIGKILL cannot be caught.
 */

type Cleanup = () => Promise<unknown>;

const registered = new Map<symbol, { label: string; run: Cleanup }>();

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

/** Run (and unregister) every pending cleanup concurrently; returns the labels of those that failed. */
export async function runPendingCleanups(): Promise<string[]> {
  const entries = [...registered.entries()];
  registered.clear();
  const results = await Promise.allSettled(entries.map(([, c]) => c.run()));
  return entries.filter((_, i) => results[i].status === "rejected").map(([, c]) => c.label);
}
