/**
 * `run --verify-fix`'s outcome (`fixVerification`) as plain lines, for the formats that show it
 * as text (JUnit, GitHub, HTML): each step's link and cause, each change with its account, then
 * whether the chain went green. The console styles its own (console-reporter.ts).
 */
import type { FixVerification } from "./types.ts";

type Change = FixVerification["steps"][number]["changes"][number];

export function changeText(c: Change): string {
  return `${c.where}${c.accountId ? ` (${c.accountId})` : ""}: ${c.summary}`;
}

export function stepTitle(step: FixVerification["steps"][number], i: number): string {
  return `step ${i + 1}: ${step.link} ${step.cause}`;
}

export function fixVerificationText(v: FixVerification): string[] {
  return [
    ...v.steps.flatMap((step, i) => [stepTitle(step, i), ...step.changes.map((c) => `  ${changeText(c)}`)]),
    `verify-fix: ${v.message}`,
  ];
}
