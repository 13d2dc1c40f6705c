/**
 * `chaincheck diff`'s comparison: two setups (snapshots or hand-written) item by item along the
 * chain's path (helpers/twin/chain-path.ts), each change with the links it can break, in the
 * chain's order. `changedOnLink` keeps the changes that can break one link (a red run's
 * "changed since the last green run").
 */
import { LINK_IDS, type LinkId } from "../links.ts";
import type { PathChangeReport } from "../report/types.ts";
import { chainPath, NOT_COPIED } from "./chain-path.ts";

export type PathChange = PathChangeReport;

function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

export function diffSetups(oldSetup: object, newSetup: object): PathChange[] {
  const before = new Map(chainPath(oldSetup as Record<string, unknown>).map((i) => [i.item, i]));
  const after = new Map(chainPath(newSetup as Record<string, unknown>).map((i) => [i.item, i]));
  const changes: PathChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const aValue = a?.value ?? null;
    const bValue = b?.value ?? null;
    if (canonical(aValue) === canonical(bValue)) continue;
    // A snapshot taken without --with-data has no content to compare.
    if (aValue === NOT_COPIED || bValue === NOT_COPIED) continue;
    const links = (b ?? a)?.links ?? [];
    const change = aValue === null ? "added" : bValue === null ? "removed" : "changed";
    changes.push({
      link: links[0],
      links,
      item: key,
      change,
      ...(aValue !== null ? { old: aValue } : {}),
      ...(bValue !== null ? { new: bValue } : {}),
    });
  }
  const order = (l: LinkId) => LINK_IDS.indexOf(l);
  return changes.sort((x, y) => order(x.link) - order(y.link));
}

export function changedOnLink(changes: PathChange[], link: LinkId): PathChange[] {
  return changes.filter((c) => c.links.includes(link));
}

/** Compact JSON of a value, cut at `max` characters. */
export function shortValue(v: unknown, max = 400): string {
  const text = typeof v === "string" ? v : canonical(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function renderChanges(changes: PathChange[], indent = ""): string[] {
  const lines: string[] = [];
  let link: LinkId | undefined;
  for (const c of changes) {
    if (c.link !== link) {
      link = c.link;
      lines.push(`${indent}${link}:`);
    }
    const mark = c.change === "added" ? "+" : c.change === "removed" ? "-" : "~";
    lines.push(`${indent}  ${mark} ${c.item} ${c.change}`);
    if (c.old !== undefined) lines.push(`${indent}      was: ${shortValue(c.old)}`);
    if (c.new !== undefined) lines.push(`${indent}      now: ${shortValue(c.new)}`);
  }
  return lines;
}
