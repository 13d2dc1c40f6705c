import { describe, expect, test } from "vitest";
import {
  findCycles,
  moduleGraphMetafile,
  readSource,
  runtimeImportGraph,
  sourceFiles,
} from "../support/source-files.ts";

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

describe("the probe's module graph", () => {
  // What helpers/probe/handler.ts reaches is what the probe's bundle holds and its execution
  // environment initializes before its first Invoke (helpers/chain/walk-links.ts).
  test("holds links 2–5, not link 1's Lambda and IAM clients or the harness's explainers", async () => {
    const metafile = await moduleGraphMetafile(["helpers/probe/handler.ts"]);
    const files = Object.keys(metafile.inputs);
    const packages = new Set(
      Object.values(metafile.inputs).flatMap((input) =>
        input.imports.filter((i) => i.external).map((i) => i.path),
      ),
    );
    for (const link of ["assume-role", "cluster-credentials", "execute-statement", "copy-from-s3"])
      expect(files).toContain(`helpers/chain/${link}.ts`);
    expect(packages.has("@aws-sdk/client-redshift-data")).toBe(true);
    const harnessOnly = [
      "helpers/chain/lambda-role.ts",
      "helpers/chain/probe-origin.ts",
      "helpers/chain/broad-policy.ts",
    ];
    expect(files.filter((f) => harnessOnly.includes(f) || f.startsWith("helpers/diagnosis/"))).toEqual([]);
    expect(
      [...packages].filter((p) => p === "@aws-sdk/client-lambda" || p === "@aws-sdk/client-iam"),
    ).toEqual([]);
  });
});
