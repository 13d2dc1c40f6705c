/** Where setup files are: an explicit path (must exist) or the bundled seed. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./usage-error.ts";

export function resolveSetupPath(path: string): string {
  const full = resolve(path);
  if (!existsSync(full)) {
    throw new UsageError(
      `--setup: no such file ${path}; expected a YAML or JSON setup such as fixtures/setups/seed.yaml`,
    );
  }
  return full;
}
