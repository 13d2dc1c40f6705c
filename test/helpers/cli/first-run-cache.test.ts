// `npm ci`'s head start (helpers/cli/first-run-cache.ts): the template and the probe bundle, and the
// hints that make even the first `npm start` load its database and its probe while the CLI loads.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { cacheDirs } from "../../../config/cache-dirs.js";
import { DEFAULT_CACHE_DIR, ensureTemplate } from "../../../emulator/sql/template.ts";
import { prepareFirstRun } from "../../../helpers/cli/first-run-cache.ts";
import { cachedProbeBundle } from "../../../helpers/probe/probe-bundle.ts";

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("prepareFirstRun", () => {
  test("builds the seed's database template and the probe bundle, and records both for the first run's early start", async () => {
    await prepareFirstRun();
    const templatePath = await ensureTemplate(DEFAULT_CACHE_DIR, "dev");
    expect(readJson(join(DEFAULT_CACHE_DIR, "early-open.json"))).toEqual({ templatePath, database: "dev" });
    expect(existsSync(templatePath)).toBe(true);
    const bundle = await cachedProbeBundle();
    expect(readJson(join(cacheDirs().probe, "early-lambda.json"))).toEqual({
      file: bundle,
      exportPath: "handler",
      root: dirname(bundle),
    });
  });
});
