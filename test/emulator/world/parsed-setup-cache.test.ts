// emulator/world/parsed-setup-cache.ts: a YAML setup parsed by an earlier process is read back from
// JSON, and a problem in it is still placed at its line and column.
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { loadSetup } from "../../../emulator/world/load-setup.ts";
import {
  cachedSetupValue,
  keepSetupValue,
  PARSED_SETUPS_KEPT,
} from "../../../emulator/world/parsed-setup-cache.ts";
import { setupProblems, tempFolder } from "../../support/files.ts";

const YAML = "accounts:\n  - id: '111111111111'\nusers:\n  - account: '111111111111'\n    name: tester\n";

describe("parsed setup cache", () => {
  let cacheDir: string;
  const before = process.env.CHAINCHECK_CACHE_DIR;
  beforeEach(() => {
    cacheDir = tempFolder({});
    process.env.CHAINCHECK_CACHE_DIR = cacheDir;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.CHAINCHECK_CACHE_DIR;
    else process.env.CHAINCHECK_CACHE_DIR = before;
  });

  test("keeps a value by its text and gives it back; another text is another entry", () => {
    const value = { accounts: [{ id: "111111111111", alias: null }], n: 1.5, yes: true };
    expect(cachedSetupValue(YAML, cacheDir)).toBeUndefined();
    keepSetupValue(YAML, value, cacheDir);
    expect(cachedSetupValue(YAML, cacheDir)).toEqual(value);
    // Owner-only, as a setup may hold the emulator's credentials and DB passwords.
    const [kept] = readdirSync(join(cacheDir, "setups"));
    expect(statSync(join(cacheDir, "setups", kept)).mode & 0o777).toBe(0o600);
    expect(cachedSetupValue(`${YAML}# edited\n`, cacheDir)).toBeUndefined();
  });

  test("a value JSON does not give back exactly (.inf, .nan) is not kept", () => {
    keepSetupValue("x: .inf\n", { x: Number.POSITIVE_INFINITY }, cacheDir);
    keepSetupValue("x: .nan\n", { x: Number.NaN }, cacheDir);
    expect(cachedSetupValue("x: .inf\n", cacheDir)).toBeUndefined();
    expect(cachedSetupValue("x: .nan\n", cacheDir)).toBeUndefined();
    expect(existsSync(join(cacheDir, "setups")) ? readdirSync(join(cacheDir, "setups")) : []).toEqual([]);
  });

  test(`keeps the newest ${PARSED_SETUPS_KEPT} texts`, () => {
    for (let i = 0; i <= PARSED_SETUPS_KEPT; i++) {
      keepSetupValue(`n: ${i}\n`, { n: i }, cacheDir);
      // The first one is the oldest whatever the clock's resolution.
      if (i === 0) {
        const [first] = readdirSync(join(cacheDir, "setups"));
        utimesSync(join(cacheDir, "setups", first), 1, 1);
      }
    }
    expect(readdirSync(join(cacheDir, "setups"))).toHaveLength(PARSED_SETUPS_KEPT);
    expect(cachedSetupValue("n: 0\n", cacheDir)).toBeUndefined();
    expect(cachedSetupValue(`n: ${PARSED_SETUPS_KEPT}\n`, cacheDir)).toEqual({ n: PARSED_SETUPS_KEPT });
  });

  test("loadSetup takes a kept value from disk for a text it has not parsed in this process", () => {
    const dir = tempFolder({ "first.yaml": YAML, "second.yaml": YAML });
    expect(loadSetup(`${dir}/first.yaml`).users.map((u) => u.name)).toEqual(["tester"]);
    const [kept] = readdirSync(join(cacheDir, "setups"));
    // What a later process would find for that text, changed here so the test can tell it was read.
    const file = join(cacheDir, "setups", kept);
    writeFileSync(file, readFileSync(file, "utf8").replace('"tester"', '"from-the-cache"'));
    expect(loadSetup(`${dir}/second.yaml`).users.map((u) => u.name)).toEqual(["from-the-cache"]);
  });

  test("loadSetup reads a text another file had (a fresh process's case) from the cache, and a problem in it keeps its line and column", () => {
    const bad = `${YAML}roles:\n  - account: '111111111111'\n    name: r\n    trustPolicy: 12\n`;
    const dir = tempFolder({ "a.yaml": bad, "b.yaml": bad, "ok-a.yaml": YAML, "ok-b.yaml": YAML });
    const first = setupProblems(() => loadSetup(`${dir}/a.yaml`));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/a\.yaml:9:5: roles\[0\]\.trustPolicy: expected a policy document/);
    // The same text under another path is not in this process's parsed files: it comes from disk.
    expect(cachedSetupValue(bad, cacheDir)).toBeDefined();
    const second = setupProblems(() => loadSetup(`${dir}/b.yaml`));
    expect(second).toEqual(first.map((line) => line.replace("a.yaml", "b.yaml")));
    expect(loadSetup(`${dir}/ok-b.yaml`)).toEqual(loadSetup(`${dir}/ok-a.yaml`));
  });
});
