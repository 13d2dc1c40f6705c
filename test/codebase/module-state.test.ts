import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { readSource, sourceFiles } from "../support/source-files.ts";

const SETUP_FILE_PARSE_CACHE = "emulator/world/load-setup.ts parsedLayers";
const SQL_WORKER_THREAD_GLOBALS = [
  "emulator/sql/sql-worker.js pg",
  "emulator/sql/sql-worker.js typeNames",
  "emulator/sql/sql-worker.js handled",
  "emulator/sql/sql-worker.js received",
  "emulator/sql/sql-worker.js preopened",
];
/** pglite.wasm compiled once per process: immutable, the same for every world (sql-engine.ts). */
const COMPILED_WASM = "emulator/sql/sql-engine.ts compiledWasm";
/** SQL worker threads whose database ended, kept for the next database: each holds no database
 *  (it closed its instance on `release`), so nothing of one world reaches another (worker-host.ts). */
const SPARE_SQL_WORKERS = "emulator/sql/worker-host.ts spareWorkers";
const ALLOWED = new Set([
  SETUP_FILE_PARSE_CACHE,
  COMPILED_WASM,
  SPARE_SQL_WORKERS,
  ...SQL_WORKER_THREAD_GLOBALS,
]);

function moduleLevelState(file: string, text: string): string[] {
  const found = [...text.matchAll(/^(?:export )?(?:let|var) (\w+)/gm)].map((m) => `${file} ${m[1]}`);
  for (const [, name] of text.matchAll(/^(?:export )?const (\w+)\b/gm)) {
    const mutated = new RegExp(
      `\\b${name}(?:\\.(?:set|add|push|pop|shift|unshift|splice|delete|clear)\\(|\\[[^\\]]+\\] =[^=])`,
    );
    if (mutated.test(text)) found.push(`${file} ${name}`);
  }
  return found;
}

describe("module-level state", () => {
  test("the emulator keeps none outside the world, but for the setup file parse cache, the compiled pglite.wasm, the spare SQL workers and a SQL worker thread's own globals", () => {
    const found = sourceFiles(["emulator"]).flatMap((file) => moduleLevelState(file, readSource(file)));
    expect(found.filter((f) => !ALLOWED.has(f))).toEqual([]);
  });

  test("a module-level let, or a const collection written to, is found", () => {
    const text =
      "let next = 1;\nconst SEEN = new Set();\nconst FIXED = new Set([1]);\nexport function f() { SEEN.add(next); }\n";
    expect(moduleLevelState("x.ts", text)).toEqual(["x.ts next", "x.ts SEEN"]);
  });
});

describe("the diagnosis", () => {
  const files = sourceFiles(["helpers/diagnosis"]);

  test("reads link reports' checks only through link-checks.ts", () => {
    const reading = files.filter((file) => /\.checks\b/.test(readSource(file)));
    expect(reading).toEqual(["helpers/diagnosis/narrow/link-checks.ts"]);
  });

  test("reads no check's detail text outside the parsing of pasted AWS errors", () => {
    const reading = files.filter(
      (file) => !file.includes("/classify/") && /\.detail\b/.test(readSource(file)),
    );
    expect(reading).toEqual([]);
  });
});

describe("test files", () => {
  test("set the file's world through fileSetup, never a bare test.override that later files of the worker would keep", () => {
    const testFiles = readdirSync(fileURLToPath(new URL("..", import.meta.url)), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".test.ts"));
    expect(testFiles.length).toBeGreaterThan(100);
    const overriding = testFiles.filter((f) =>
      /\btest\.override\(/.test(readFileSync(fileURLToPath(new URL(`../${f}`, import.meta.url)), "utf8")),
    );
    expect(overriding).toEqual([]);
  });
});
