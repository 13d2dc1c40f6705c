/**
 * The model-validation error IAM and STS return before looking at any state:
 * `1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …`,
 * with every violation joined by "; " (`N validation errors detected: …`). Code ValidationError, 400.
 * Texts as quoted in docs/failures.md L2-07 and public issue threads.
 *
 * Known gap: when one value breaks several constraints, AWS's order of them is not verified.
 */
import { AwsError } from "../core/errors.ts";

export interface Violation {
  member: string;
  value: unknown;
  constraint: string;
}

export interface StringRule {
  min?: number;
  max?: number;
  /** The regex to test the whole value against, and the pattern text AWS prints. */
  pattern?: [RegExp, string];
  required?: boolean;
}

export function checkString(out: Violation[], member: string, value: unknown, rule: StringRule): void {
  if (value === undefined || value === null) {
    if (rule.required) out.push({ member, value: null, constraint: "Member must not be null" });
    return;
  }
  const text = String(value);
  if (rule.pattern && !rule.pattern[0].test(text)) {
    out.push({
      member,
      value: text,
      constraint: `Member must satisfy regular expression pattern: ${rule.pattern[1]}`,
    });
  }
  if (rule.min !== undefined && text.length < rule.min) {
    out.push({
      member,
      value: text,
      constraint: `Member must have length greater than or equal to ${rule.min}`,
    });
  }
  if (rule.max !== undefined && text.length > rule.max) {
    out.push({
      member,
      value: text,
      constraint: `Member must have length less than or equal to ${rule.max}`,
    });
  }
}

export function checkInteger(
  out: Violation[],
  member: string,
  value: number | undefined,
  range: { min?: number; max?: number },
): void {
  if (value === undefined) return;
  if (range.min !== undefined && value < range.min) {
    out.push({ member, value, constraint: `Member must have value greater than or equal to ${range.min}` });
  }
  if (range.max !== undefined && value > range.max) {
    out.push({ member, value, constraint: `Member must have value less than or equal to ${range.max}` });
  }
}

export function checkListLength(
  out: Violation[],
  member: string,
  value: unknown[] | undefined,
  max: number,
): void {
  if (value && value.length > max) {
    out.push({ member, value: "[…]", constraint: `Member must have length less than or equal to ${max}` });
  }
}

export function validationError(violations: Violation[]): AwsError {
  const parts = violations.map(
    (v) =>
      `Value ${v.value === null ? "null" : `'${String(v.value)}'`} at '${v.member}' failed to satisfy constraint: ${v.constraint}`,
  );
  const n = violations.length;
  return new AwsError(
    "ValidationError",
    `${n} validation error${n === 1 ? "" : "s"} detected: ${parts.join("; ")}`,
    {
      status: 400,
    },
  );
}

export function throwIfInvalid(violations: Violation[]): void {
  if (violations.length > 0) throw validationError(violations);
}

/** An integer query parameter, or undefined; a non-number is reported like AWS's type check. */
export function intParam(value: unknown): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) {
    throw new AwsError("ValidationError", `Invalid value '${String(value)}': expected an integer`, {
      status: 400,
    });
  }
  return n;
}
