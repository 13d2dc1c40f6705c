/**
 * A progress line while the chain runs ("execute-statement: statement 3f2a… STARTED, 1.2 s, 4
 * polls"), drawn on one terminal line and cleared when the run ends. Links report progress through
 * `reportProgress`; nothing is drawn unless the CLI installed a sink, and the CLI installs one only
 * when stderr is a terminal — so piped or CI output never carries it. Runs of several environments
 * share the line; each message is prefixed with its environment (AsyncLocalStorage, so links need
 * not know about environments).
 *
 * Known gaps: inside the `lambda-probe` origin links 2–5 run in the function, so the line shows
 * only "running inside the probe" until it answers.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Sink = (message: string) => void;

let sink: Sink | undefined;
const scope = new AsyncLocalStorage<string>();

export function reportProgress(message: string): void {
  if (!sink) return;
  const label = scope.getStore();
  sink(label ? `[${label}] ${message}` : message);
}

/** Runs `fn` with every progress message prefixed by `label` (an environment's name). */
export function withProgressLabel<T>(label: string, fn: () => Promise<T>): Promise<T> {
  return scope.run(label, fn);
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Draws progress on `stream` when it is a terminal; returns the function that clears and detaches. */
export function installProgressLine(stream: ProgressStream): () => void {
  if (!stream.isTTY) return () => {};
  let drawn = false;
  sink = (message) => {
    // A pseudo-terminal may report 0 columns: treat as unknown.
    const width = Math.max(20, (stream.columns || 80) - 1);
    const text = message.length > width ? `${message.slice(0, width - 1)}…` : message;
    stream.write(`\r\u001b[2K${text}`);
    drawn = true;
  };
  return () => {
    sink = undefined;
    if (drawn) stream.write("\r\u001b[2K");
  };
}
