/**
 * `extends` semantics: a scenario is the base setup plus a few changes.
 *
 * - Objects merge key by key (deeply). A `null` value removes its key from the merged object
 *   (`chain: { dbUser: null, secretArn: arn:… }` drops the base's dbUser; a `null` under a key the
 *   base lacks is dropped too). That holds at any depth of object merging — inside a merged named
 *   element (`secretJson: { password: null }`) as well; to store a JSON null in a secret, write
 *   `secretString`. Arrays are never `null`-filtered: a replaced array and an appended named
 *   element are taken as written.
 * - Arrays of named things (every element an object with `id`, `name`, `key` or `accessKeyId`)
 *   merge element by element: same identity (and same `account`/`region` when both give one)
 *   → merged; new → appended; `$delete: true` → removed.
 * - Any other array (Action lists, Statement lists, grants, ARNs) and every scalar is replaced.
 */

type Json = unknown;
type Obj = Record<string, Json>;

const IDENTITY_FIELDS = ["id", "name", "key", "accessKeyId"] as const;

const isObject = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function identity(v: Obj): [string, string] | undefined {
  for (const field of IDENTITY_FIELDS) {
    const value = v[field];
    if (typeof value === "string") return [field, value];
  }
  return undefined;
}

function isNamedArray(a: Json[]): a is Obj[] {
  return a.length > 0 && a.every((v) => isObject(v) && identity(v) !== undefined);
}

export interface MergeOptions {
  /** Two account references denote the same account (an alias and its id). */
  sameAccount?(a: string, b: string): boolean;
}

function sameElement(base: Obj, override: Obj, options: MergeOptions): boolean {
  const a = identity(base);
  const b = identity(override);
  if (!a || !b || a[0] !== b[0] || a[1] !== b[1]) return false;
  for (const scope of ["account", "region"] as const) {
    const x = base[scope];
    const y = override[scope];
    if (typeof x !== "string" || typeof y !== "string" || x === y) continue;
    if (scope === "account" && options.sameAccount?.(x, y)) continue;
    return false;
  }
  return true;
}

function mergeNamedArrays(base: Obj[], overrides: Obj[], options: MergeOptions): Obj[] {
  const out = base.map((v) => ({ ...v }));
  for (const override of overrides) {
    const index = out.findIndex((b) => sameElement(b, override, options));
    if (override.$delete === true) {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = mergeValues(out[index], override, options) as Obj;
    else out.push(override);
  }
  return out;
}

export function mergeValues(base: Json, override: Json, options: MergeOptions = {}): Json {
  if (override === undefined) return base;
  if (isObject(override)) {
    // An object over a non-object (or nothing) is merged into {}, so its `null`s drop keys there too.
    const from: Obj = isObject(base) ? base : {};
    const out: Obj = { ...from };
    for (const [key, value] of Object.entries(override)) {
      if (value === null) delete out[key];
      else out[key] = mergeValues(from[key], value, options);
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(override) && isNamedArray(base) && isNamedArray(override)) {
    return mergeNamedArrays(base, override, options);
  }
  return override;
}

/** Drop `$delete` markers left in elements that had nothing to delete. */
export function stripDeleteMarkers(value: Json): Json {
  if (Array.isArray(value)) {
    return value.filter((v) => !(isObject(v) && v.$delete === true)).map(stripDeleteMarkers);
  }
  if (isObject(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) if (k !== "$delete") out[k] = stripDeleteMarkers(v);
    return out;
  }
  return value;
}

/** Merge a chain of setups, base first. `extends` keys are consumed. */
export function mergeSetups(layers: Obj[]): Obj {
  const aliases = new Map<string, string>();
  for (const layer of layers) {
    const accounts = Array.isArray(layer.accounts) ? layer.accounts : [];
    for (const a of accounts) {
      if (isObject(a) && typeof a.id === "string" && typeof a.alias === "string") aliases.set(a.alias, a.id);
    }
  }
  const resolve = (ref: string) => aliases.get(ref) ?? ref;
  const options: MergeOptions = { sameAccount: (a, b) => resolve(a) === resolve(b) };
  let merged: Json = {};
  for (const layer of layers) {
    const { extends: _ignored, ...rest } = layer;
    merged = mergeValues(merged, rest, options);
  }
  return stripDeleteMarkers(merged) as Obj;
}
