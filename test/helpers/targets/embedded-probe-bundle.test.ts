// helpers/targets/embedded-target.ts: a probe that cannot be bundled is said, not silently swapped
// for its TypeScript source (which runs through tsx in the function's process: slower, more memory).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { resolveHarnessConfig } from "../../../config/harness-config.ts";
import { probeHandlerPath } from "../../../helpers/targets/bundled-paths.ts";
import { openEmbeddedTarget, probeBundleFailedSentence } from "../../../helpers/targets/embedded-target.ts";
import { tempFolder } from "../../support/files.ts";

const before = process.env.CHAINCHECK_CACHE_DIR;
afterEach(() => {
  if (before === undefined) delete process.env.CHAINCHECK_CACHE_DIR;
  else process.env.CHAINCHECK_CACHE_DIR = before;
});

describe("the embedded target's probe bundle", () => {
  test("a bundle that cannot be written is said on the one-time line, and the run goes on with the TypeScript handler", async () => {
    const cache = tempFolder();
    // The probe's cache folder is a file: the bundle cannot be written there.
    writeFileSync(join(cache, "probe"), "not a folder");
    process.env.CHAINCHECK_CACHE_DIR = cache;
    const config = {
      ...resolveHarnessConfig({}, {}, tempFolder()),
      origin: "lambda-probe" as const,
      prewarm: false,
    };
    const said: string[] = [];
    const target = await openEmbeddedTarget(config, { oneTimeWork: (sentence) => said.push(sentence) });
    await target.close();
    const failed = said.filter((s) => s.startsWith("could not bundle the probe ("));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(
      /^could not bundle the probe \(.*probe.*\); the embedded Lambda runs its TypeScript source instead, slower, and the next run tries again$/,
    );
    expect(probeHandlerPath()).toMatch(/handler\.ts$/);
  });

  test("the sentence keeps the first line of the reason only", () => {
    expect(probeBundleFailedSentence(new Error("Build failed with 1 error:\nhandler.ts:1:0: ERROR: x"))).toBe(
      "could not bundle the probe (Build failed with 1 error:); the embedded Lambda runs its TypeScript source instead, slower, and the next run tries again",
    );
  });
});
