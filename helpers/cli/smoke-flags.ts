/**
 * `run`'s smoke-check flags, checked before anything runs (exit 2 naming the flag): `--state FILE`
 * (a state file or none yet, in an existing writable folder), `--notify URL` (http or https; needs
 * `--state`), `--notify-format json|slack` and `--notify-timeout SECONDS` (0.1–60 per attempt,
 * default 5), the last two only with `--notify`. What they do: helpers/notify/smoke-notify.ts.
 */
import { existsSync } from "node:fs";
import { outputPathProblem } from "../../config/output-paths.ts";
import { NOTIFY_FORMATS, type NotifyFormat } from "../notify/notify-payload.ts";
import type { SmokeOptions } from "../notify/smoke-notify.ts";
import { readVerdictState } from "../notify/verdict-state.ts";
import { UsageError } from "./usage-error.ts";

export const SMOKE_FLAGS = {
  state: { type: "string" },
  notify: { type: "string" },
  "notify-format": { type: "string" },
  "notify-timeout": { type: "string" },
} as const;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function urlProblem(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return undefined;
  } catch {
    // reported below
  }
  return `--notify: expected an http(s) webhook URL such as https://hooks.slack.com/services/T000/B000/XXXX, got "${value}"`;
}

/** The smoke options the flags ask for (undefined without --state), or every problem at once. */
export function smokeOptions(values: Values): SmokeOptions | undefined {
  const get = (name: string) => values[name] as string | undefined;
  const state = get("state");
  const notify = get("notify");
  const format = get("notify-format");
  const timeout = get("notify-timeout");
  const problems: string[] = [];
  if (notify !== undefined) {
    const problem = urlProblem(notify);
    if (problem) problems.push(problem);
    if (state === undefined)
      problems.push(
        "--notify: needs --state FILE, where the last verdicts are kept, to know what changed (e.g. --state .chaincheck-state.json)",
      );
  }
  if (format !== undefined && !NOTIFY_FORMATS.includes(format as NotifyFormat))
    problems.push(
      `--notify-format: expected one of ${NOTIFY_FORMATS.join(", ")}, got "${format}"; e.g. --notify-format slack`,
    );
  const seconds = timeout === undefined ? 5 : Number(timeout);
  if (timeout !== undefined && !(/^\d+(\.\d+)?$/.test(timeout) && seconds >= 0.1 && seconds <= 60))
    problems.push(`--notify-timeout: expected seconds from 0.1 to 60 such as 5, got "${timeout}"`);
  for (const flag of ["notify-format", "notify-timeout"])
    if (get(flag) !== undefined && notify === undefined)
      problems.push(`--${flag}: applies to --notify URL, which is not given`);
  if (state !== undefined) {
    const problem = outputPathProblem({ name: "--state", path: state, example: ".chaincheck-state.json" });
    if (problem) problems.push(problem);
    else if (existsSync(state))
      try {
        readVerdictState(state);
      } catch (error) {
        problems.push(
          `--state: ${state}: ${(error as Error).message}; remove it or name another file such as .chaincheck-state.json`,
        );
      }
  }
  if (problems.length > 0) throw new UsageError(problems.join("\n  "));
  if (state === undefined) return undefined;
  return {
    stateFile: state,
    notify:
      notify === undefined
        ? undefined
        : { url: notify, format: (format ?? "json") as NotifyFormat, timeoutMs: seconds * 1000 },
  };
}
