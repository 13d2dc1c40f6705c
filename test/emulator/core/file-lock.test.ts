// emulator/core/file-lock.js: one process at a time for the SQL template and the CLI build.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { underFileLock } from "../../../emulator/core/file-lock.js";

const dir = mkdtempSync(join(tmpdir(), "chaincheck-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("underFileLock", () => {
  test("the second caller waits for the first and takes its result through done, without working", async () => {
    const lock = join(dir, "a.lock");
    let result: string | undefined;
    const worked: string[] = [];
    const done = async () => result;
    const work = (name: string) => async () => {
      worked.push(name);
      await new Promise((resolve) => setTimeout(resolve, 150));
      result = `made by ${name}`;
      return result;
    };
    const [a, b] = await Promise.all([
      underFileLock(lock, { staleMs: 60_000, pollMs: 10, done }, work("a")),
      underFileLock(lock, { staleMs: 60_000, pollMs: 10, done }, work("b")),
    ]);
    expect(worked).toEqual(["a"]);
    expect([a, b]).toEqual(["made by a", "made by a"]);
    expect(existsSync(lock)).toBe(false);
  });

  test("a lock older than staleMs (its process killed) is broken and the work runs", async () => {
    const lock = join(dir, "b.lock");
    writeFileSync(lock, "");
    const old = new Date(Date.now() - 10_000);
    utimesSync(lock, old, old);
    expect(await underFileLock(lock, { staleMs: 5_000, pollMs: 10 }, async () => "ran")).toBe("ran");
    expect(existsSync(lock)).toBe(false);
  });

  test("a failed work releases the lock and its error reaches the caller", async () => {
    const lock = join(dir, "c.lock");
    await expect(
      underFileLock(lock, { staleMs: 60_000 }, async () => {
        throw new Error("build failed");
      }),
    ).rejects.toThrow("build failed");
    expect(existsSync(lock)).toBe(false);
  });
});
