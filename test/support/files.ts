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

/** What `run` throws as an error of class `Kind`, read by `read`; anything else it throws passes through. */
function thrownAs<E extends Error>(
  run: () => unknown,
  Kind: new (...args: never[]) => E,
  read: (e: E) => string[],
) {
  try {
    run();
  } catch (error) {
    if (error instanceof Kind) return read(error);
    throw error;
  }
  return undefined;
}

/** The problems of the ConfigError `run` throws; none when it does not throw. */
export const configProblems = (run: () => unknown): string[] =>
  thrownAs(run, ConfigError, (e) => e.problems) ?? [];

/** The lines of the SetupValidationError `run` throws; it must throw one. */
export function setupProblems(run: () => unknown): string[] {
  const lines = thrownAs(run, SetupValidationError, (e) => e.lines);
  if (!lines) throw new Error("expected the setup to be rejected");
  return lines;
}

/** The error `run` throws; it must throw. */
export function errorThrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
