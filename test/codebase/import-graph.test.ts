import { describe, expect, test } from "vitest";
import { findCycles, runtimeImportGraph, sourceFiles } from "../support/source-files.ts";

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
