// helpers/targets/embedded-target.ts: a probe that cannot be bundled is said, not silently swapped
// for its TypeScript source (which runs through tsx in the function's process: slower, more memory).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { resolveHarnessConfig } from "../../../config/harness-config.ts";
import { probeHandlerPath } from "../../../helpers/targets/bundled-paths.ts";
import {
  openEmbeddedTarget,
  probeBundleFailedSentence,
  probeModule,
} from "../../../helpers/targets/embedded-target.ts";
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
  });

  test("the probe module the emulator gets when bundling fails is the TypeScript handler, and the failure is said once", async () => {
    const cache = tempFolder();
    writeFileSync(join(cache, "probe"), "not a folder");
    const said: string[] = [];
    const module = await probeModule("lambda-probe", join(cache, "probe", "probe-0000000000000000.mjs"), {
      oneTimeWork: (sentence) => said.push(sentence),
    });
    expect(module).toBe(probeHandlerPath());
    expect(module).toMatch(/helpers\/probe\/handler\.ts$/);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^could not bundle the probe \(.*\)/);
  });

  test("the sentence keeps the first line of the reason only", () => {
    expect(probeBundleFailedSentence(new Error("Build failed with 1 error:\nhandler.ts:1:0: ERROR: x"))).toBe(
      "could not bundle the probe (Build failed with 1 error:); the embedded Lambda runs its TypeScript source instead, slower, and the next run tries again",
    );
  });
});
