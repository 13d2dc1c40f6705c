/**
 * Ctrl-C / SIGTERM during `chaincheck run`: stop the run's AWS calls (nothing more is sent, so no
 * statement follows the cleanup), drop what the harness created (the registered cleanups, e.g. the
 * COPY check's scratch table, once the statements already sent have ended) while the target is
 * still up, close the target, and end the command with the shell's code for the signal (130 /
 * 143). No report is printed: the run checked nothing conclusive, and links it never reached are
 * not reported at all. bin/chaincheck.js then exits at once (calls of the abandoned chain that were
 * already on the wire must not keep the process alive).
 *
 * Installed before the target opens, so a signal during startup ends the command too.
 */
import { runPendingCleanups } from "../chain/interrupt-cleanups.ts";

export const CLEANUP_TIMEOUT_MS = 30_000;

export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface Interruption {
  /** Resolves with 130 / 143 once a signal's cleanups ran and the targets closed. */
  readonly stopped: Promise<number>;
  /** What to stop first on a signal (the run's AWS calls). */
  onStop(stop: () => void): void;
  /** What to close after the cleanups (the open targets). */
  onClose(close: () => Promise<void>): void;
  /** Whether a signal arrived (from then on the command ends with the signal's code). */
  readonly signalled: boolean;
  /** Acts as if `signal` had arrived (the process's signal listeners call this). */
  interrupt(signal: StopSignal): void;
  uninstall(): void;
}

export function installInterruptHandler(log: (line: string) => void = console.error): Interruption {
  const stops: (() => void)[] = [];
  const closes: (() => Promise<void>)[] = [];
  let resolveStopped: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => {
    resolveStopped = resolve;
  });
  let handling = false;
  const interrupt = (signal: StopSignal) => {
    if (handling) return;
    handling = true;
    for (const stop of stops) stop();
    log(`chaincheck: ${signal}; removing what this run created, then stopping`);
    const bounded = new Promise<string[]>((resolve) => {
      const timer = setTimeout(() => resolve(["(timed out)"]), CLEANUP_TIMEOUT_MS);
      runPendingCleanups().then((failed) => {
        clearTimeout(timer);
        resolve(failed);
      });
    });
    void bounded
      .then((failed) => {
        if (failed.length > 0) log(`chaincheck: cleanup did not finish: ${failed.join("; ")}`);
        return Promise.allSettled(closes.map((close) => close()));
      })
      .finally(() => resolveStopped(SIGNAL_EXIT_CODES[signal]));
  };
  const onInt = () => interrupt("SIGINT");
  const onTerm = () => interrupt("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    stopped,
    get signalled() {
      return handling;
    },
    onStop: (stop) => {
      stops.push(stop);
      if (handling) stop();
    },
    onClose: (close) => {
      closes.push(close);
    },
    interrupt,
    uninstall: () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}
