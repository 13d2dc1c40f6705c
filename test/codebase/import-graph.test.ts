import { describe, expect, test } from "vitest";
import { findCycles, readSource, runtimeImportGraph, sourceFiles } from "../support/source-files.ts";

describe("the runtime import graph", () => {
  test("has no cycles among emulator, helpers, config, policy, suites and bin", async () => {
    const files = sourceFiles(["emulator", "helpers", "config", "policy", "suites", "bin"]);
    const graph = await runtimeImportGraph(files);
    expect(graph.size).toBeGreaterThanOrEqual(files.length);
    expect(findCycles(graph)).toEqual([]);
  });

  test("finding cycles names the files that close one and ignores a diamond", () => {
    const graph = new Map([
      ["a.ts", ["b.ts", "c.ts"]],
      ["b.ts", ["d.ts"]],
      ["c.ts", ["d.ts"]],
      ["d.ts", ["e.ts"]],
      ["e.ts", ["d.ts"]],
    ]);
    expect(findCycles(graph)).toEqual([["d.ts", "e.ts", "d.ts"]]);
  });
});

describe("imports the bundles can trim", () => {
  // zod's `z` export is one namespace object holding all of zod (its ~40 locales, JSON Schema
  // conversion): a bundle that imports it keeps all of it. Imported as a namespace of the package,
  // esbuild keeps only the members the code names: the run bundle and the probe each lost ~0.6 MB.
  test("zod is imported as `import * as z`, never its `z` export", () => {
    const files = sourceFiles(["emulator", "helpers", "config", "policy", "suites", "bin"]);
    const offenders = files.filter((file) =>
      /import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*"zod"/.test(readSource(file)),
    );
    expect(offenders).toEqual([]);
    expect(
      files.filter((file) => readSource(file).includes('import * as z from "zod"')).length,
    ).toBeGreaterThan(0);
  });
});
