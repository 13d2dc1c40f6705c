/**
 * Ctrl-C / SIGTERM during `chaincheck run`: drop what the harness created (the registered cleanups,
 * e.g. the COPY check's scratch table) while the target is still up, close the target, then exit
 * with the shell's code for the signal (130 / 143) — the run checked nothing conclusive.
 * `process.exit` here, not `process.exitCode`: the interrupted chain is still awaiting AWS calls
 * that must not go on.
 */
import { runPendingCleanups } from "../chain/interrupt-cleanups.ts";

export const CLEANUP_TIMEOUT_MS = 30_000;

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function installInterruptHandler(closeTarget: () => Promise<void>): () => void {
  let handling = false;
  const handle = (signal: keyof typeof CODES) => {
    if (handling) return;
    handling = true;
    console.error(`chaincheck: ${signal}; removing what this run created, then stopping`);
    const bounded = new Promise<string[]>((resolve) => {
      const timer = setTimeout(() => resolve(["(timed out)"]), CLEANUP_TIMEOUT_MS);
      runPendingCleanups().then((failed) => {
        clearTimeout(timer);
        resolve(failed);
      });
    });
    void bounded
      .then((failed) => {
        if (failed.length > 0) console.error(`chaincheck: cleanup did not finish: ${failed.join("; ")}`);
        return closeTarget();
      })
      .catch(() => undefined)
      .finally(() => process.exit(CODES[signal]));
  };
  const onInt = () => handle("SIGINT");
  const onTerm = () => handle("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return () => {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  };
}
