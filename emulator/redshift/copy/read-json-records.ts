/**
 * JSON COPY input: a stream of JSON objects, one per line or concatenated, mapped to columns.
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html
 *
 * 'auto' matches keys to column names exactly; column names are always lower case, so a key
 * with upper-case letters matches nothing and the column gets NULL. 'auto ignorecase' compares
 * case-insensitively. Nested objects and arrays load as their JSON text.
 *
 * Known gaps: numbers go through JSON.parse, so integers beyond 2^53 lose precision; JSONPaths
 * support dot and bracket member names and array indexes only; top-level arrays (allowed with
 * JSONPaths) are not supported.
 */

import { REASON } from "./load-error.ts";
import type { RawField, RawRecord } from "./read-delimited-records.ts";

export type JsonMapping =
  | { mode: "auto" | "auto ignorecase" }
  | { mode: "jsonpaths"; paths: (string | number)[][] };

export function readJsonRecords(text: string, columns: string[], mapping: JsonMapping): RawRecord[] {
  const records: RawRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      if (text[i] === "\n") line++;
      i++;
      continue;
    }
    const start = i;
    const end = scanValue(text, i);
    const raw = text.slice(start, end ?? endOfLine(text, start));
    let parsed: unknown;
    try {
      parsed = end === undefined ? undefined : JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      records.push({
        line,
        raw,
        fields: [],
        error: { errCode: 1216, errReason: REASON.invalidLine, position: 0, fieldValue: raw },
      });
    } else {
      records.push({ line, raw, fields: mapObject(parsed as Record<string, unknown>, columns, mapping) });
    }
    const next = end ?? endOfLine(text, start);
    for (let k = start; k < next; k++) if (text[k] === "\n") line++;
    i = next;
  }
  return records;
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl;
}

/** End offset of the JSON object starting at `i` (braces balanced outside strings), or undefined. */
function scanValue(text: string, i: number): number | undefined {
  if (text[i] !== "{" && text[i] !== "[") return undefined;
  let depth = 0;
  let inString = false;
  for (let k = i; k < text.length; k++) {
    const ch = text[k];
    if (inString) {
      if (ch === "\\") k++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return undefined;
}

function mapObject(object: Record<string, unknown>, columns: string[], mapping: JsonMapping): RawField[] {
  if (mapping.mode === "jsonpaths") {
    return mapping.paths.map((path) =>
      toField(path.reduce<unknown>((value, step) => descend(value, step), object)),
    );
  }
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    const k = mapping.mode === "auto ignorecase" ? key.toLowerCase() : key;
    if (!byKey.has(k)) byKey.set(k, value);
  }
  return columns.map((column) => toField(byKey.get(column)));
}

function descend(value: unknown, step: string | number): unknown {
  if (value === null || typeof value !== "object") return undefined;
  return (value as Record<string | number, unknown>)[step];
}

function toField(value: unknown): RawField {
  if (value === undefined || value === null)
    return { text: "", source: "", quoted: false, position: 0, isNull: true };
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return { text, source: text, quoted: true, position: 0 };
}

/**
 * A JSONPaths file: `{"jsonpaths": ["$['a']", "$.b.c", "$.d[0]"]}`.
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-json-jsonpaths
 */
export function parseJsonPaths(body: string): (string | number)[][] | undefined {
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = (root as { jsonpaths?: unknown } | null)?.jsonpaths;
  if (!Array.isArray(list) || !list.every((p) => typeof p === "string")) return undefined;
  const parsed = list.map(parseJsonPath);
  return parsed.every((p) => p !== undefined) ? (parsed as (string | number)[][]) : undefined;
}

function parseJsonPath(path: string): (string | number)[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const steps: (string | number)[] = [];
  const re = /\.([A-Za-z_][\w$]*)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) return undefined;
    steps.push(m[4] !== undefined ? Number(m[4]) : (m[1] ?? m[2] ?? m[3]));
  }
  return steps;
}
