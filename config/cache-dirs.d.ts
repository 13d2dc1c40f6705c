// Types of cache-dirs.js (plain JavaScript: bin/chaincheck.js loads it without a TypeScript loader).

export interface CacheDirs {
  /** The PGlite template's folder. */
  template: string;
  /** The folder the probe bundle's `probe/` folder goes in. */
  bundles: string;
  /** The probe bundles' own folder (`<bundles>/probe`). */
  probe: string;
}

export function cacheDirs(env?: Record<string, string | undefined>): CacheDirs;
