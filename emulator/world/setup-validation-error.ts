/** Every problem of a setup file, each as `<path>: <what is wrong and what a good value looks like>`. */
import type { SetupIssue } from "./validate-setup.ts";

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out || "(root)";
}

export class SetupValidationError extends Error {
  override readonly name = "SetupValidationError";
  readonly issues: SetupIssue[];
  /** One line per issue: `roles[2].trustPolicy.Statement[0].Principal: Invalid principal …` */
  readonly lines: string[];

  constructor(source: string, issues: SetupIssue[]) {
    const lines = issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
    super(
      `Invalid setup ${source} (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n  ${lines.join("\n  ")}`,
    );
    this.issues = issues;
    this.lines = lines;
  }
}
