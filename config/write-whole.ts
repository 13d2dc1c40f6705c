/**
 * Writes a file the user asked for (a report, a state file, a snapshot, a matrix, an env block)
 * whole or not at all: the text goes to a temporary name beside it, which is then renamed over the
 * target, so an interrupted or failed write never leaves half a file where the old one was.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";

export function writeFileWhole(path: string, text: string, options: { mode?: number } = {}): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, options.mode === undefined ? undefined : { mode: options.mode });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
