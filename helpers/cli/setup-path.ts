/** Where setup files are: an explicit path (must exist) or the bundled seed. */
import { resolve } from "node:path";
import { existingStat } from "../../config/existing-stat.ts";
import { UsageError } from "./usage-error.ts";

export function resolveSetupPath(path: string): string {
  const full = resolve(path);
  const stat = existingStat(full);
  if (!stat)
    throw new UsageError(
      `--setup: no such file ${path}; expected a YAML or JSON setup such as fixtures/setups/seed.yaml`,
    );
  if (!stat.isFile())
    throw new UsageError(
      `--setup: ${path} is a directory; expected a YAML or JSON setup file such as fixtures/setups/seed.yaml`,
    );
  return full;
}
