/**
 * Where the embedded emulator caches its PGlite template and the probe bundle is cached.
 * `CHAINCHECK_CACHE_DIR` moves both (a read-only checkout, CI caches, benchmarks of a cold start):
 * the template goes straight into it, the probe bundle into its `probe/` folder (docs/contracts.md).
 * An empty value counts as unset.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_CACHE = fileURLToPath(new URL("../.cache", import.meta.url));

export interface CacheDirs {
  /** The PGlite template's folder. */
  template: string;
  /** The folder the probe bundle's `probe/` folder goes in. */
  bundles: string;
}

export function cacheDirs(env: Record<string, string | undefined> = process.env): CacheDirs {
  const chosen = env.CHAINCHECK_CACHE_DIR || undefined;
  return { template: chosen ?? join(REPO_CACHE, "pglite-template"), bundles: chosen ?? REPO_CACHE };
}
