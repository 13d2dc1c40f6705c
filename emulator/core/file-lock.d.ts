// Types of file-lock.js (plain JavaScript: bin/cli-bundle.js loads it without a TypeScript loader).

export function underFileLock<T>(
  lockPath: string,
  options: {
    staleMs: number;
    pollMs?: number;
    /** An answer instead of `work` (what another process made meanwhile); `waited`: another held
     *  the lock since the call began; `holding`: this call holds it now. */
    done?: (waited: boolean, holding: boolean) => T | undefined | Promise<T | undefined>;
  },
  work: () => Promise<T>,
): Promise<T>;
