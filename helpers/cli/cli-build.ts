/**
 * Which CLI build is running: bin/chaincheck.js names the esbuild bundle it loaded (its folder under
 * `.build/`, a new one whenever a source changes); undefined under the TypeScript loader (tests,
 * CHAINCHECK_NO_BUNDLE=1). Caches of what the code derives from fixtures key on it, so an edited
 * source never meets an entry the old code wrote; without a build id nothing is cached.
 */
let build: string | undefined;

export function setCliBuild(id: string | undefined): void {
  build = id;
}

export function cliBuild(): string | undefined {
  return build;
}
