/**
 * A setup to compare (`chaincheck diff`, `run --baseline`): a snapshot in YAML (a setup file), a
 * snapshot in JSON (its `setup` field), or any setup file, loaded and validated by the project's
 * setup loader (extends resolved, defaults applied). Every problem is a ConfigError line naming
 * the argument or flag it came from.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../../config/chain-config.ts";
import { existingStat } from "../../config/existing-stat.ts";
import { loadSetup } from "../../emulator/world/load-setup.ts";
import { SetupValidationError } from "../../emulator/world/setup-validation-error.ts";
import { twinSetupOf } from "./render-twin.ts";

export function loadCompared(path: string, name: string): Record<string, unknown> {
  const full = resolve(path);
  const stat = existingStat(full);
  const example = "a snapshot or setup file, e.g. last-green.yaml";
  if (!stat) throw new ConfigError([`${name}: no such file ${path}; expected ${example}`]);
  if (!stat.isFile()) throw new ConfigError([`${name}: ${path} is a directory; expected ${example}`]);
  try {
    let parsed: unknown;
    try {
      parsed = twinSetupOf(readFileSync(full, "utf8"));
    } catch {
      parsed = undefined;
    }
    const envelope =
      parsed && typeof parsed === "object" && parsed !== null && /^\s*\{/.test(readFileSync(full, "utf8"))
        ? (parsed as object)
        : undefined;
    const setup = envelope ? loadSetup(envelope as never, { baseDir: dirname(full) }) : loadSetup(full);
    return setup as unknown as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SetupValidationError)
      throw new ConfigError([`${name}: ${path} is not a valid setup:`, ...error.lines.map((l) => `  ${l}`)]);
    throw error;
  }
}
