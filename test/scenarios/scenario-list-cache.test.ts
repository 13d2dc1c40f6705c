import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { setCliBuild } from "../../helpers/cli/cli-build.ts";
import { listScenarios } from "../../helpers/scenarios/scenario-list.ts";
import { cachedScenarioList } from "../../helpers/scenarios/scenario-list-cache.ts";
import { tempFolder } from "../support/files.ts";

let cacheDir: string;

beforeEach(() => {
  cacheDir = tempFolder();
  process.env.CHAINCHECK_CACHE_DIR = cacheDir;
});

afterEach(() => {
  setCliBuild(undefined);
  delete process.env.CHAINCHECK_CACHE_DIR;
  rmSync(cacheDir, { recursive: true, force: true });
});

const cacheFiles = () => {
  try {
    return readdirSync(join(cacheDir, "scenarios"));
  } catch {
    return [];
  }
};

test("without a CLI build the list is computed every time and nothing is cached", async () => {
  expect(await cachedScenarioList()).toEqual(listScenarios());
  expect(cacheFiles()).toEqual([]);
});

test("under a CLI build the first listing is cached and the next one is read from the cache", async () => {
  setCliBuild("cli-test-build-1");
  const listed = await cachedScenarioList();
  expect(listed).toEqual(listScenarios());
  const [file] = cacheFiles();
  expect(file).toMatch(/^list-[0-9a-f]{24}\.json$/);
  const path = join(cacheDir, "scenarios", file);
  const marked = listed.map((s) => ({ ...s, description: `cached: ${s.description}` }));
  writeFileSync(path, JSON.stringify(marked));
  expect(await cachedScenarioList()).toEqual(marked);
  expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(marked);
});

test("another CLI build does not read the entry an older build wrote", async () => {
  setCliBuild("cli-test-build-1");
  await cachedScenarioList();
  setCliBuild("cli-test-build-2");
  await cachedScenarioList();
  expect(cacheFiles()).toHaveLength(2);
});
