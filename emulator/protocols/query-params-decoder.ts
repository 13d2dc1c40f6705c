/**
 * awsQuery input decoding without a schema: flat form keys → nested objects.
 *
 *   Tags.member.1.Key=k            → { Tags: [{ Key: "k" }] }
 *   PolicyArns.member.1.arn=a      → { PolicyArns: [{ arn: "a" }] }
 *   Attributes.entry.1.key=k&…value=v → { Attributes: { k: "v" } }
 *   Names.1=a (flattened list)     → { Names: ["a"] }
 *
 * Scalars stay strings (the wire carries no types); handlers convert numbers and booleans.
 * Known gap: an empty list is sent as `Tags=` and decodes to "" (indistinguishable from an empty
 * string without the model).
 */

type Tree = { [key: string]: Tree | string };

const isIndex = (key: string) => /^[1-9]\d*$/.test(key);

export function decodeQueryParams(
  params: URLSearchParams,
  omit: readonly string[] = [],
): Record<string, unknown> {
  const root: Tree = {};
  for (const [key, value] of params) {
    if (omit.includes(key)) continue;
    const parts = key.split(".");
    let node: Tree = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = node[part];
      if (typeof next === "object") node = next;
      else node = node[part] = {};
    }
    const last = parts[parts.length - 1]!;
    if (typeof node[last] !== "object") node[last] = value;
  }
  return normalise(root) as Record<string, unknown>;
}

function normalise(node: Tree | string): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === "member" && typeof node.member === "object") {
    return indexed(node.member);
  }
  if (keys.length === 1 && keys[0] === "entry" && typeof node.entry === "object") {
    const map: Record<string, unknown> = {};
    for (const entry of indexed(node.entry)) {
      if (!entry || typeof entry !== "object") continue;
      const e = entry as Record<string, unknown>;
      const k = e.key ?? e.Key ?? e.Name;
      if (typeof k === "string") map[k] = e.value ?? e.Value;
    }
    return map;
  }
  if (keys.length > 0 && keys.every(isIndex)) return indexed(node);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normalise(node[key]!);
  return out;
}

function indexed(node: Tree | string): unknown[] {
  if (typeof node === "string") return [node];
  return Object.keys(node)
    .filter(isIndex)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => normalise(node[k]!));
}
