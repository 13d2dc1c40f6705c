/**
 * Compiles IAM match patterns (`*`, `?`, and policy variables) to linear-time glob matchers (no
 * regular expressions: a backtracking regex over `*a*a*…` patterns froze the emulator for minutes).
 *
 * ARN mode follows the IAM docs on Resource: wildcards work within each colon-separated segment of
 * an ARN; the first five segments (arn, partition, service, region, account) are matched one by one,
 * so a `*` there never spans a `:`, while in the resource part (which may itself contain colons,
 * e.g. `log-group:x:log-stream:y`) it spans anything.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 *
 * Policy variables (Version 2012-10-17 only) are replaced by the request's value, taken literally;
 * `${*}`, `${?}`, `${$}` give a literal `*`, `?`, `$`; `${key, 'default'}` falls back to the default.
 * A variable whose key is absent, with no default, makes the pattern match nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 * Known gap: a multi-valued key used as a variable matches nothing.
 */
import { lookupKey } from "./context-lookup.ts";
import type { RequestContextKeys } from "./types.ts";

export type PatternMode = "action" | "arn" | "string";

/** A compiled IAM pattern. `test` runs in O(pattern × value) time at worst, never backtracking
 *  exponentially (no regular expressions: a `*a*a*…` pattern must not stall the emulator). */
export interface CompiledPattern {
  test(value: string): boolean;
}

const STAR = -1;
const ONE = -2;
/** Wildcards within the first five colon-separated segments of an ARN never span a `:`. */
const ARN_FIXED_SEGMENTS = 5;
const COLON = 58;

const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 20_000;

/** Returns the compiled pattern, or undefined when a variable's key is missing from the context. */
export function compilePattern(
  pattern: string,
  mode: PatternMode,
  context?: RequestContextKeys,
): CompiledPattern | undefined {
  const withVariables = context !== undefined && pattern.includes("${");
  if (!withVariables) {
    const key = `${mode}\u0000${pattern}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = build(pattern, mode, undefined)!;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, compiled);
    }
    return compiled;
  }
  return build(pattern, mode, context);
}

/**
 * The case folding of a case-insensitive JavaScript regular expression without the `u` flag (what
 * action patterns used before, kept exactly): upper-case one UTF-16 unit, unless that gives several
 * units or turns a non-ASCII unit into an ASCII one.
 */
function fold(unit: number): number {
  if (unit >= 97 && unit <= 122) return unit - 32;
  if (unit < 128) return unit;
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const folded = upper.charCodeAt(0);
  return folded < 128 ? unit : folded;
}

/** Pattern as tokens: a UTF-16 unit (folded for actions), STAR or ONE. */
function tokenize(
  pattern: string,
  mode: PatternMode,
  context: RequestContextKeys | undefined,
): number[] | undefined {
  const tokens: number[] = [];
  const literal = (text: string) => {
    for (let k = 0; k < text.length; k++) {
      const unit = text.charCodeAt(k);
      tokens.push(mode === "action" ? fold(unit) : unit);
    }
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (context && c === "$" && pattern[i + 1] === "{") {
      const end = pattern.indexOf("}", i + 2);
      if (end > 0) {
        const value = resolveVariable(pattern.slice(i + 2, end), context);
        if (value === undefined) return undefined;
        literal(value);
        i = end;
        continue;
      }
    }
    if (c === "*") tokens.push(STAR);
    else if (c === "?") tokens.push(ONE);
    else literal(c!);
  }
  return tokens;
}

/** [start, end) of the pattern's segments: split at the first five literal colons, the rest whole. */
function patternSegments(tokens: readonly number[]): number[] {
  const bounds = [0];
  for (let k = 0; k < tokens.length && (bounds.length - 1) / 2 < ARN_FIXED_SEGMENTS; k++) {
    if (tokens[k] === COLON) bounds.push(k, k + 1);
  }
  bounds.push(tokens.length);
  return bounds;
}

/** The tokens from `start` to `end` as text, or undefined when a wildcard is among them. */
function literalText(tokens: readonly number[], start: number, end: number): string | undefined {
  let text = "";
  for (let k = start; k < end; k++) {
    const t = tokens[k]!;
    if (t < 0) return undefined;
    text += String.fromCharCode(t);
  }
  return text;
}

/** Case-sensitive glob over the whole value, the literal run before the first wildcard compared at once. */
function wholeValueMatcher(tokens: readonly number[]): CompiledPattern {
  let first = 0;
  while (first < tokens.length && tokens[first]! >= 0) first++;
  const prefix = literalText(tokens, 0, first)!;
  return {
    test: (value) =>
      value.startsWith(prefix) &&
      globMatch(tokens, first, tokens.length, value, prefix.length, value.length, false),
  };
}

function build(
  pattern: string,
  mode: PatternMode,
  context: RequestContextKeys | undefined,
): CompiledPattern | undefined {
  const tokens = tokenize(pattern, mode, context);
  if (!tokens) return undefined;
  const folding = mode === "action";
  const literal = literalText(tokens, 0, tokens.length);
  if (literal !== undefined) {
    if (!folding) return { test: (value) => value === literal };
    return {
      test: (value) =>
        value === pattern ||
        (value.length === tokens.length && globMatch(tokens, 0, tokens.length, value, 0, value.length, true)),
    };
  }
  if (folding) {
    return { test: (value) => globMatch(tokens, 0, tokens.length, value, 0, value.length, true) };
  }
  if (mode !== "arn") return wholeValueMatcher(tokens);
  const bounds = patternSegments(tokens);
  const fixedEnd = bounds.length / 2 > ARN_FIXED_SEGMENTS ? bounds[bounds.length - 2]! : tokens.length;
  // Literal service, region and account: the colons align by themselves.
  if (literalText(tokens, 0, fixedEnd) !== undefined) return wholeValueMatcher(tokens);
  const segments: { start: number; end: number; text: string | undefined }[] = [];
  for (let k = 0; k < bounds.length; k += 2) {
    segments.push({
      start: bounds[k]!,
      end: bounds[k + 1]!,
      text: literalText(tokens, bounds[k]!, bounds[k + 1]!),
    });
  }
  const exactColons = segments.length <= ARN_FIXED_SEGMENTS;
  return {
    test: (value) => {
      // The value's segments pair with the pattern's: the first five colons align (a wildcard there
      // cannot span one), and with fewer than five in the pattern the value has exactly as many.
      let vs = 0;
      for (let k = 0; k < segments.length; k++) {
        const segment = segments[k]!;
        const last = k === segments.length - 1;
        let ve = value.length;
        if (!last) {
          ve = value.indexOf(":", vs);
          if (ve < 0) return false;
        } else if (exactColons && value.indexOf(":", vs) >= 0) {
          return false;
        }
        const ok =
          segment.text !== undefined
            ? ve - vs === segment.text.length && value.startsWith(segment.text, vs)
            : globMatch(tokens, segment.start, segment.end, value, vs, ve, false);
        if (!ok) return false;
        vs = ve + 1;
      }
      return true;
    },
  };
}

/**
 * `*` and `?` glob matching with two pointers: on a mismatch, go back to the last `*` and let it
 * take one more unit. Each `*` only ever moves forward, so the work is O(pattern × value).
 */
function globMatch(
  p: readonly number[],
  pStart: number,
  pEnd: number,
  v: string,
  vStart: number,
  vEnd: number,
  folding: boolean,
): boolean {
  let i = pStart;
  let j = vStart;
  let star = -1;
  let resume = vStart;
  while (j < vEnd) {
    const t = i < pEnd ? p[i]! : STAR - 10;
    if (t === ONE || (t >= 0 && t === (folding ? fold(v.charCodeAt(j)) : v.charCodeAt(j)))) {
      i++;
      j++;
    } else if (t === STAR) {
      star = i++;
      resume = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (i < pEnd && p[i] === STAR) i++;
  return i === pEnd;
}

function resolveVariable(body: string, context: RequestContextKeys): string | undefined {
  const trimmed = body.trim();
  if (trimmed === "*" || trimmed === "?" || trimmed === "$") return trimmed;
  const comma = trimmed.indexOf(",");
  const key = (comma >= 0 ? trimmed.slice(0, comma) : trimmed).trim();
  const value = lookupKey(context, key);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  if (comma >= 0) {
    const m = /^'(.*)'$/s.exec(trimmed.slice(comma + 1).trim());
    if (m) return m[1];
  }
  return undefined;
}

/** `pattern` with the policy's variables resolved matches `value`; false when a variable is missing. */
export function matchesPattern(
  pattern: string,
  value: string,
  mode: PatternMode,
  context?: RequestContextKeys,
): boolean {
  if (pattern === "*" && mode !== "string") return true;
  const re = compilePattern(pattern, mode, context);
  return re?.test(value) === true;
}

/** Replaces variables without wildcard semantics, for operators that compare exactly
 *  (StringEquals, Numeric*, Date*, IpAddress …). Undefined when a variable's key is missing. */
export function substituteVariables(value: string, context?: RequestContextKeys): string | undefined {
  if (!context || !value.includes("${")) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "$" && value[i + 1] === "{") {
      const end = value.indexOf("}", i + 2);
      if (end > 0) {
        const v = resolveVariable(value.slice(i + 2, end), context);
        if (v === undefined) return undefined;
        out += v;
        i = end;
        continue;
      }
    }
    out += value[i];
  }
  return out;
}
