/**
 * zod's default messages ("Too small: expected string to have >=2 characters", "Invalid input")
 * reworded the way the rest of chaincheck's validation speaks: what was expected, what was given,
 * and for an unknown field the fields that are allowed. Used as the per-parse error map of the
 * setup and matrix files; a schema's own message always wins over these.
 *
 * Known gaps: a union's message lists the shapes it accepts, not which one was meant.
 */
import type { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const TYPES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  safeint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  literal: "a fixed value",
};

function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return `"${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  return `${typeof input} ${String(input)}`;
}

function describeSchema(schema: unknown): string {
  const def = (schema as { _zod?: { def?: { type?: string; shape?: object; values?: unknown[] } } })?._zod
    ?.def;
  if (!def?.type) return "a value";
  if (def.type === "object" && def.shape) return `{ ${Object.keys(def.shape).join(", ")} }`;
  if (def.type === "literal" && def.values) return def.values.map((v) => JSON.stringify(v)).join(" or ");
  return TYPES[def.type] ?? def.type;
}

function unit(origin: unknown): string {
  return origin === "string" ? " characters" : origin === "array" ? " entries" : "";
}

/** Fields whose values are secrets: their messages never repeat what was given. */
const SECRET_FIELD = /password|secret|token/i;

export function wordedIssue(issue: Issue): string | undefined {
  const i = issue as Issue & Record<string, unknown>;
  const last = (i.path as PropertyKey[] | undefined)?.at(-1);
  const input =
    typeof last === "string" && SECRET_FIELD.test(last) && typeof i.input === "string" ? "(hidden)" : i.input;
  switch (i.code) {
    case "invalid_type": {
      const expected = TYPES[String(i.format ?? i.expected)] ?? String(i.expected);
      return input === undefined
        ? `required; expected ${expected}`
        : `expected ${expected}, got ${describeInput(input)}`;
    }
    case "too_small":
      return `expected at least ${i.minimum}${unit(i.origin)}${i.inclusive === false ? " (exclusive)" : ""}, got ${describeInput(input)}`;
    case "too_big":
      return `expected at most ${i.maximum}${unit(i.origin)}, got ${describeInput(input)}`;
    case "invalid_value":
      return `expected one of ${(i.values as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${describeInput(input)}`;
    case "unrecognized_keys": {
      const keys = (i.keys as string[]).map((k) => `"${k}"`).join(", ");
      const shape = (i.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      const allowed = shape ? `; expected one of: ${Object.keys(shape).join(", ")}` : "";
      return `unknown field${(i.keys as string[]).length === 1 ? "" : "s"} ${keys}${allowed}`;
    }
    case "invalid_union": {
      const options = (i.inst as { _zod?: { def?: { options?: unknown[] } } } | undefined)?._zod?.def
        ?.options;
      return options
        ? `expected ${options.map(describeSchema).join(" or ")}, got ${describeInput(input)}`
        : undefined;
    }
    case "invalid_format":
      return `expected ${i.format === "regex" ? `text matching ${i.pattern}` : `a ${i.format}`}, got ${describeInput(input)}`;
    default:
      return undefined;
  }
}
