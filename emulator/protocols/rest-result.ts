/**
 * Telling a handler's RestResult (`{ status?, headers?, body? }`) from a plain output object.
 * `restResult()` marks one explicitly; an object whose only keys are status/headers/body (all
 * lower-case, which no AWS output member is) counts as one too.
 */
import type { RestResult } from "../core/types.ts";

const MARK = Symbol.for("chaincheck.restResult");
const KEYS = new Set(["status", "headers", "body"]);

export function restResult(result: RestResult): RestResult {
  return Object.assign(result, { [MARK]: true });
}

export function isRestResult(value: unknown): value is RestResult {
  if (!value || typeof value !== "object" || Array.isArray(value) || Buffer.isBuffer(value)) return false;
  if ((value as Record<symbol, unknown>)[MARK]) return true;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => KEYS.has(k));
}

/** Normalise any handler output to a RestResult. */
export function asRestResult(output: unknown): RestResult {
  if (isRestResult(output)) return output;
  return { body: output };
}
