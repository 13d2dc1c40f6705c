import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { cachedProbeBundle } from "../../../helpers/probe/probe-bundle.ts";

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
