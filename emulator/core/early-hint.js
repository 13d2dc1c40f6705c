// The hint files of the early start (emulator/sql/early-start.js, emulator/lambda/runtime/
// early-runtime.js): a small JSON object in a cache folder saying what the last `chaincheck run`
// started first. Plain JavaScript, Node built-ins only: bin/chaincheck.js loads its readers without a
// TypeScript loader. A hint only decides what starts early, so a missing, unreadable or malformed one
// reads as none and a failed write (a read-only cache folder) is dropped.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The hint `name` in `dir` with exactly the string fields `keys`, or undefined. */
export function readHint(dir, name, keys) {
  if (!dir) return undefined;
  try {
    const hint = JSON.parse(readFileSync(join(dir, name), "utf8"));
    if (keys.every((key) => typeof hint?.[key] === "string"))
      return Object.fromEntries(keys.map((key) => [key, hint[key]]));
  } catch {
    // no hint yet, or an unreadable one
  }
  return undefined;
}

/** Writes the hint whole (a temporary sibling renamed over it), or not at all. */
export function writeHint(dir, name, hint) {
  const path = join(dir, name);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(hint));
    renameSync(temporary, path);
  } catch {
    rmSync(temporary, { force: true });
  }
}
