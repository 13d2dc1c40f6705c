// The CLI's esbuild bundle (bin/cli-bundle.js) must find the cache folders where the TypeScript
// sources do: `import.meta.url` in every bundled project source — plain JavaScript ones such as
// config/cache-dirs.js included — is the source's own URL, not the bundle chunk's. Read through the
// chunk's URL, the cache resolved to .build/.cache: every run from the bundle was a cold start.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { cacheDirs } from "../../../config/cache-dirs.js";
import { runCli } from "./run-cli.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

describe("the CLI bundle's cache folders", () => {
  test("a run from the bundle uses the repository's .cache, as the sources do, never one beside the bundle", async () => {
    rmSync(join(ROOT, ".build/.cache"), { recursive: true, force: true });
    const { code, stdout } = await runCli(["run", "--format", "json"]);
    expect([code, JSON.parse(stdout).verdict]).toEqual([0, "pass"]);
    expect(existsSync(join(ROOT, ".build/.cache"))).toBe(false);
    // The run's probe, recorded for the next early start, is the bundle under the repository's cache.
    const hint = JSON.parse(readFileSync(join(cacheDirs().probe, "early-lambda.json"), "utf8"));
    expect(hint.root).toBe(cacheDirs().probe);
  });
});
