/**
 * Every problem of a setup file, each as `<file>:<line>:<column>: <path in that file>: <what is
 * wrong and what a good value looks like>` (or `<path>: …` for an inline setup, which has no lines).
 */
import type { SetupIssue } from "./validate-setup.ts";

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "(root)";
}

function issueLine(i: SetupIssue): string {
  if (!i.where) return `${formatIssuePath(i.path)}: ${i.message}`;
  const { file, line, column, path } = i.where;
  return `${file}:${line}:${column}: ${formatIssuePath([...path, ...i.path.slice(path.length)])}: ${i.message}`;
}

export class SetupValidationError extends Error {
  override readonly name = "SetupValidationError";
  readonly issues: SetupIssue[];
  /** One line per issue: `scenario.yaml:12:9: roles[0].trustPolicy.Statement[0].Principal: Invalid principal …` */
  readonly lines: string[];
  /** Whether every line already names its file (so callers need not prefix the setup's path). */
  readonly located: boolean;

  constructor(source: string, issues: SetupIssue[]) {
    const lines = issues.map(issueLine);
    super(
      `Invalid setup ${source} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n  ${lines.join("\n  ")}`,
    );
    this.issues = issues;
    this.lines = lines;
    this.located = issues.every((i) => i.where !== undefined);
  }
}
