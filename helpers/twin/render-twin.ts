/**
 * A snapshot as text: the setup file in YAML with what could not be read (and the read permission
 * that would fill it) and what was assumed as comments at its top, or one JSON document
 * (`--format json`) with the setup, the gaps and the assumptions as fields. Both are read back by
 * `chaincheck diff` (twinSetupOf), and the YAML one by every `--setup`. The YAML quotes every string
 * YAML 1.1 would read as something else (`"2012-10-17"`, `"yes"`), so older YAML tools read it alike.
 */
import { parse, stringify } from "yaml";
import type { Snapshot } from "./take-snapshot.ts";

export interface SnapshotMeta {
  takenAt: string;
  target: string;
}

export const TWIN_FORMATS = ["yaml", "json"] as const;
export type TwinFormat = (typeof TWIN_FORMATS)[number];

export function twinJson(s: Snapshot, meta: SnapshotMeta) {
  return { schemaVersion: 1 as const, ...meta, setup: s.setup, gaps: s.gaps, assumptions: s.assumptions };
}

export function renderTwin(s: Snapshot, meta: SnapshotMeta, format: TwinFormat): string {
  if (format === "json") return JSON.stringify(twinJson(s, meta), null, 2);
  const lines = [
    `# chaincheck snapshot, taken ${meta.takenAt} through the ${meta.target} target.`,
    "# Replay it offline: chaincheck run --setup <this file>",
  ];
  if (s.gaps.length) {
    lines.push("#", "# Not read, the read permission that would fill it, and what the twin assumes instead:");
    for (const g of s.gaps)
      lines.push(
        `#   - ${g.what}: needs ${g.permission.action} on ${g.permission.resource} (${g.why}); assumed: ${g.assumed}`,
      );
  } else lines.push("#", "# Everything on the chain's path was read.");
  if (s.assumptions.length) {
    lines.push("#", "# Assumed without a read:");
    for (const a of s.assumptions) lines.push(`#   - ${a}`);
  }
  return `${lines.map((l) => l.replace(/\n/g, " ")).join("\n")}\n${stringify(s.setup, { lineWidth: 0, version: "1.1" })}`;
}

/** The setup inside a snapshot's text: the YAML file itself, or the JSON document's `setup`. */
export function twinSetupOf(text: string): unknown {
  const value = parse(text) as unknown;
  if (
    value &&
    typeof value === "object" &&
    "setup" in value &&
    "gaps" in value &&
    (value as { schemaVersion?: unknown }).schemaVersion === 1
  )
    return (value as { setup: unknown }).setup;
  return value;
}
