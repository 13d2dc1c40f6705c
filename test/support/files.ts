/** Scratch folders with files in them, and the problems a configuration or setup error lists. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../config/chain-config.ts";
import { SetupValidationError } from "../../emulator/world/setup-validation-error.ts";

/** A new folder under the system's temp dir holding `files` (name → text). */
export function tempFolder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A folder with a `.env` holding `text`, or with no `.env` at all. */
export const folderWithEnv = (text?: string): string =>
  tempFolder(text === undefined ? {} : { ".env": text });

/** The problems of the ConfigError `run` throws; none when it does not throw. */
export function configProblems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The lines of the SetupValidationError `run` throws; it must throw one. */
export function setupProblems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SetupValidationError) return error.lines;
    throw error;
  }
  throw new Error("expected the setup to be rejected");
}
