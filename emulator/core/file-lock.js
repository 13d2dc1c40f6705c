// One process at a time for work that writes a shared file (the SQL template build, the CLI build):
// a lock file created exclusively beside the result. Plain JavaScript, Node built-ins only:
// bin/cli-bundle.js loads it without a TypeScript loader.
//
// Known gap: a lock left by a killed process is broken after `staleMs`, so work that really takes
// longer than that may run twice (harmless, just slower).
import { closeSync, openSync, rmSync, statSync } from "node:fs";

/**
 * Runs `work` holding `lockPath`. Before every attempt to take the lock, and again once it is
 * taken, `done(waited, holding)` may answer instead (the result another process made meanwhile;
 * `waited`: another process held the lock since this call began; `holding`: this call holds it
 * now); `work` runs only when it answers undefined. Returns what `done` or `work` gave.
 * @template T
 * @param {string} lockPath
 * @param {{ staleMs: number, pollMs?: number, done?: (waited: boolean, holding: boolean) => T | undefined | Promise<T | undefined> }} options
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function underFileLock(lockPath, options, work) {
  const { staleMs, pollMs = 100, done = () => undefined } = options;
  let waited = false;
  for (;;) {
    const before = await done(waited, false);
    if (before !== undefined) return before;
    let lock;
    try {
      lock = openSync(lockPath, "wx");
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    if (lock !== undefined) {
      try {
        return (await done(waited, true)) ?? (await work());
      } finally {
        closeSync(lock);
        rmSync(lockPath, { force: true });
      }
    }
    waited = true;
    let age = 0;
    try {
      age = Date.now() - statSync(lockPath).mtimeMs;
    } catch {
      // released meanwhile
    }
    if (age > staleMs) rmSync(lockPath, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
