/**
 * Case-insensitive access to request context keys. IAM condition key names are not case-sensitive
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html), so
 * `aws:sourceaccount` in a policy finds `aws:SourceAccount` in the request.
 */
import type { ContextValue, RequestContextKeys } from "./types.ts";

const lowered = new WeakMap<RequestContextKeys, Map<string, ContextValue>>();

export function lookupKey(context: RequestContextKeys, key: string): ContextValue | undefined {
  const direct = context[key];
  if (direct !== undefined) return direct;
  let map = lowered.get(context);
  if (!map) {
    map = new Map();
    for (const [k, v] of Object.entries(context)) if (v !== undefined) map.set(k.toLowerCase(), v);
    lowered.set(context, map);
  }
  return map.get(key.toLowerCase());
}

/** Context values as a list; an absent key or an empty list gives `[]`. */
export function valuesOf(value: ContextValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
