/**
 * Compiles IAM match patterns (`*`, `?`, and policy variables) to regular expressions.
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

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 20_000;
const SPECIAL = /[.+^${}()|[\]\\/]/g;

function escapeLiteral(s: string): string {
  return s.replace(SPECIAL, "\\$&").replace(/[*?]/g, "\\$&");
}

/** Returns the compiled pattern, or undefined when a variable's key is missing from the context. */
export function compilePattern(
  pattern: string,
  mode: PatternMode,
  context?: RequestContextKeys,
): RegExp | undefined {
  const withVariables = context !== undefined && pattern.includes("${");
  if (!withVariables) {
    const key = `${mode}\u0000${pattern}`;
    let re = cache.get(key);
    if (!re) {
      re = build(pattern, mode, undefined)!;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, re);
    }
    return re;
  }
  return build(pattern, mode, context);
}

function build(
  pattern: string,
  mode: PatternMode,
  context: RequestContextKeys | undefined,
): RegExp | undefined {
  let src = "";
  let colons = 0;
  const star = () => (mode === "arn" && colons < 5 ? "[^:]*" : ".*");
  const one = () => (mode === "arn" && colons < 5 ? "[^:]" : ".");
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (context && c === "$" && pattern[i + 1] === "{") {
      const end = pattern.indexOf("}", i + 2);
      if (end > 0) {
        const value = resolveVariable(pattern.slice(i + 2, end), context);
        if (value === undefined) return undefined;
        for (const ch of value) if (ch === ":") colons++;
        src += escapeLiteral(value);
        i = end;
        continue;
      }
    }
    if (c === "*") src += star();
    else if (c === "?") src += one();
    else {
      if (c === ":") colons++;
      src += escapeLiteral(c);
    }
  }
  return new RegExp(`^${src}$`, mode === "action" ? "is" : "s");
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
