/**
 * Where a run writes (`--output`, `GITHUB_STEP_SUMMARY`, `CHAINCHECK_REPORT_FILE`) is checked
 * before the first AWS call, so a report is never computed only to be lost: the path must not be a
 * directory, its directory must exist (the vitest reporter creates it for CHAINCHECK_REPORT_FILE)
 * and be writable. Each problem names the flag or variable and shows a good value.
 *
 * Known gaps: a disk that fills up during the run is not foreseen.
 */
import { accessSync, constants } from "node:fs";
import { dirname, resolve } from "node:path";
import { existingStat as statOf } from "./existing-stat.ts";

export interface OutputPath {
  /** The flag or variable, as messages name it. */
  name: string;
  path: string;
  example: string;
  /** The directory is created when missing (so only an existing non-directory blocks it). */
  createsDirectory?: boolean;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The nearest existing ancestor of `dir` (for directories the writer creates). */
function existingAncestor(dir: string): string {
  let current = dir;
  while (!statOf(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

export function outputPathProblem(out: OutputPath, cwd: string = process.cwd()): string | undefined {
  const { name, path, example } = out;
  if (path.trim() === "") return `${name}: empty; expected a file path such as ${example}`;
  const full = resolve(cwd, path);
  const stat = statOf(full);
  if (stat?.isDirectory()) return `${name}: ${path} is a directory; expected a file path such as ${example}`;
  if (stat && !writable(full))
    return `${name}: cannot write ${path} (permission denied); expected a writable file such as ${example}`;
  const dir = dirname(full);
  const dirStat = statOf(dir);
  if (!dirStat && !out.createsDirectory)
    return `${name}: no such directory ${dirname(path)}; create it first or write to a file such as ${example}`;
  const parent = dirStat ? dir : existingAncestor(dir);
  const parentStat = statOf(parent);
  if (!parentStat?.isDirectory())
    return `${name}: ${dirname(path)} is not a directory; expected a file path such as ${example}`;
  if (!stat && !writable(parent))
    return `${name}: cannot create a file in ${dirname(path)} (permission denied); expected a writable path such as ${example}`;
  return undefined;
}

export function outputPathProblems(outputs: OutputPath[], cwd?: string): string[] {
  return outputs.flatMap((o) => outputPathProblem(o, cwd) ?? []);
}
