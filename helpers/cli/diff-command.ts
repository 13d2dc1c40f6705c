/**
 * `chaincheck diff OLD NEW`: what changed on the chain's path between two snapshots (or a snapshot
 * and a setup), link by link (helpers/twin/diff-setups.ts). Console or `--format json`. Exit 0 no
 * change on the path · 1 changes · 2 usage (a missing or invalid file, named by its argument).
 */

import { diffSetups, renderChanges } from "../twin/diff-setups.ts";
import { loadCompared } from "../twin/load-compared.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

export async function runDiffCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { format: { type: "string" } });
  const format = values.format ?? "console";
  if (format !== "console" && format !== "json")
    throw new UsageError(`--format: expected one of console, json, got "${format}"; e.g. --format json`);
  if (positionals.length !== 2)
    throw new UsageError(
      `diff takes two files, OLD and NEW, got ${positionals.length}; e.g. chaincheck diff last-green.yaml twin.yaml`,
    );
  const [oldPath, newPath] = positionals;
  const before = loadCompared(oldPath, "OLD");
  const after = loadCompared(newPath, "NEW");
  const changes = diffSetups(before, after);
  if (format === "json")
    console.log(JSON.stringify({ schemaVersion: 1, old: oldPath, new: newPath, changes }, null, 2));
  else if (changes.length === 0)
    console.log(`no change on the chain's path between ${oldPath} and ${newPath}`);
  else {
    console.log(`${changes.length} change(s) on the chain's path, ${oldPath} → ${newPath}:`);
    for (const line of renderChanges(changes)) console.log(line);
  }
  return changes.length ? 1 : 0;
}
