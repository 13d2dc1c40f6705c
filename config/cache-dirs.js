// Where the embedded emulator caches its PGlite template and the probe bundle is cached.
// `CHAINCHECK_CACHE_DIR` moves both (a read-only checkout, CI caches, benchmarks of a cold start):
// the template goes straight into it, the probe bundle into its `probe/` folder, parsed setups into
// `setups/` (docs/contracts.md).
// An empty value counts as unset.
//
// Plain JavaScript, Node built-ins only: bin/chaincheck.js reads it before any TypeScript loads (to
// start the embedded target's database and probe early). Types: cache-dirs.d.ts.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_CACHE = fileURLToPath(new URL("../.cache", import.meta.url));

export function cacheDirs(env = process.env) {
  const chosen = env.CHAINCHECK_CACHE_DIR || undefined;
  const bundles = chosen ?? REPO_CACHE;
  return { template: chosen ?? join(REPO_CACHE, "pglite-template"), bundles, probe: join(bundles, "probe") };
}
