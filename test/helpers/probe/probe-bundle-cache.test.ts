import { mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { cachedProbeBundle, PROBE_BUNDLES_KEPT } from "../../../helpers/probe/probe-bundle.ts";

test("builds the probe bundle once per source state and serves the cached file after that", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "chaincheck-probe-cache-"));
  const first = await cachedProbeBundle(cacheDir);
  const builtAt = statSync(first).mtimeMs;
  const second = await cachedProbeBundle(cacheDir);
  expect(second).toBe(first);
  expect(statSync(second).mtimeMs).toBe(builtAt);
  expect(first).toMatch(/probe[/\\]probe-[0-9a-f]{16}\.mjs$/);
  const module = (await import(pathToFileURL(first).href)) as { handler?: unknown };
  expect(typeof module.handler).toBe("function");
  await expect((module.handler as (e: unknown) => Promise<unknown>)({})).rejects.toThrow(
    "not a chaincheck probe event",
  );
});

test("building a bundle keeps only the newest few of a cache folder, the one just built among them", async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "chaincheck-probe-cache-"));
  const dir = join(cacheDir, "probe");
  mkdirSync(dir);
  const older = [1, 2, 3, 4, 5].map((n) => {
    const file = join(dir, `probe-${String(n).repeat(16)}.mjs`);
    writeFileSync(file, "export {};");
    utimesSync(file, 1_000_000 + n, 1_000_000 + n);
    return file;
  });
  writeFileSync(join(dir, "notes.txt"), "not a bundle");
  const built = await cachedProbeBundle(cacheDir);
  const kept = readdirSync(dir).sort();
  expect(kept).toEqual(
    [built, older[4], older[3]]
      .slice(0, PROBE_BUNDLES_KEPT)
      .map((f) => (f as string).split(/[/\\]/).pop())
      .concat("notes.txt")
      .sort(),
  );
});
