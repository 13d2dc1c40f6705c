/**
 * `--state FILE`: the last verdict of each environment and of each of its links, kept between
 * scheduled runs so `--notify` speaks only when something changed. A link's state is its last
 * `pass`, `fail` or `error` (could not check); a link `blocked` behind another or `skipped` keeps
 * the state it had, so links behind a failure do not flap.
 *
 * The file (JSON, written whole each run):
 *   { "schemaVersion": 1, "environments": { "<name>": { "verdict": "pass", "startedAt": "…",
 *     "links": { "lambda-role": "pass", … } } } }
 * A single environment is named `default`; several carry their names (`--env-file`, `--matrix`).
 *
 * Known gaps: two runs writing the same state file at once: the last one wins.
 */
import { readFileSync } from "node:fs";
import { writeFileWhole } from "../../config/write-whole.ts";
import { LINK_IDS, type LinkId } from "../links.ts";
import type { Report } from "../report/types.ts";

export type LinkState = "pass" | "fail" | "error";

export interface EnvironmentState {
  verdict: Report["verdict"];
  startedAt: string;
  links: Partial<Record<LinkId, LinkState>>;
}

export interface VerdictState {
  schemaVersion: 1;
  environments: Record<string, EnvironmentState>;
}

export const DEFAULT_ENVIRONMENT = "default";

const LINK_STATES: readonly string[] = ["pass", "fail", "error"];

/** Why `value` is not a state file, or undefined when it is one. */
export function stateProblem(value: unknown): string | undefined {
  const v = value as VerdictState;
  if (typeof v !== "object" || v === null || v.schemaVersion !== 1)
    return 'expected an object with "schemaVersion": 1';
  if (typeof v.environments !== "object" || v.environments === null || Array.isArray(v.environments))
    return 'expected "environments" to be an object of environment names';
  for (const [name, env] of Object.entries(v.environments)) {
    if (typeof env?.links !== "object" || env.links === null)
      return `environments.${name}.links: expected an object`;
    for (const [link, state] of Object.entries(env.links)) {
      if (!(LINK_IDS as readonly string[]).includes(link))
        return `environments.${name}.links.${link}: not a link id (expected one of ${LINK_IDS.join(", ")})`;
      if (!LINK_STATES.includes(state as string))
        return `environments.${name}.links.${link}: expected pass, fail or error, got ${JSON.stringify(state)}`;
    }
  }
  return undefined;
}

/** The state in FILE; an absent file is an empty state. Throws with the reason for a bad file. */
export function readVerdictState(file: string): VerdictState {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { schemaVersion: 1, environments: {} };
    throw new Error(`cannot read it (${(error as NodeJS.ErrnoException).code})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  const problem = stateProblem(value);
  if (problem) throw new Error(`not a chaincheck state file: ${problem}`);
  return value as VerdictState;
}

export function writeVerdictState(file: string, state: VerdictState): void {
  writeFileWhole(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** The environment's state after `report`: links that ran take their status, others keep theirs. */
export function nextEnvironmentState(
  previous: EnvironmentState | undefined,
  report: Report,
): EnvironmentState {
  const links: Partial<Record<LinkId, LinkState>> = { ...previous?.links };
  for (const link of report.links)
    if (LINK_STATES.includes(link.status)) links[link.id] = link.status as LinkState;
  return { verdict: report.verdict, startedAt: report.startedAt, links };
}

export interface LinkChange {
  link: LinkId;
  /** The link's last state; null when the state file had none (a first run). */
  from: LinkState | null;
  to: LinkState;
}

/** Links whose state changed. A first run (no state for the link) counts only a link that is not green. */
export function linkChanges(previous: EnvironmentState | undefined, report: Report): LinkChange[] {
  const changes: LinkChange[] = [];
  for (const link of report.links) {
    if (!LINK_STATES.includes(link.status)) continue;
    const to = link.status as LinkState;
    const from = previous?.links[link.id] ?? null;
    if (from === to || (from === null && to === "pass")) continue;
    changes.push({ link: link.id, from, to });
  }
  return changes;
}
