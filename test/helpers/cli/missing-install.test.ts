// A checkout where `npm ci` has not run yet: `chaincheck` (and so `npm start`) says what to do in one
// line and exits 2, instead of the stack trace of the first import that needs a package. The files
// bin/chaincheck.js loads before that check (its static imports, read from the import graph) are
// copied into a folder with no node_modules above it.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { moduleGraphMetafile, ROOT } from "../../support/source-files.ts";

/** bin/chaincheck.js and the project files it reaches through static imports (not `import()`). */
async function staticImportClosure(entry: string): Promise<string[]> {
  const { inputs } = await moduleGraphMetafile([entry]);
  const files = [entry];
  for (const file of files)
    for (const i of inputs[file]?.imports ?? [])
      if (i.kind === "import-statement" && !i.external && !files.includes(i.path)) files.push(i.path);
  return files;
}

const checkout = mkdtempSync(join(tmpdir(), "chaincheck-not-installed-"));
beforeAll(async () => {
  const files = await staticImportClosure("bin/chaincheck.js");
  expect(files).toContain("emulator/sql/early-start.js");
  for (const file of files) cpSync(join(ROOT, file), join(checkout, file), { recursive: true });
  writeFileSync(join(checkout, "package.json"), JSON.stringify({ type: "module" }));
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

describe("chaincheck before npm ci", () => {
  test.each([["run"], ["help"], ["diagnose", "AccessDenied"]])(
    "%s exits 2 with one line naming npm ci",
    (...args) => {
      const out = spawnSync(process.execPath, ["--", "bin/chaincheck.js", ...args], {
        cwd: checkout,
        encoding: "utf8",
      });
      expect([out.status, out.stdout, out.stderr]).toEqual([
        2,
        "",
        `chaincheck: its dependencies are not installed in ${dirname(join(checkout, "bin"))}: run \`npm ci\` there first (the README's set-up)\n`,
      ]);
    },
  );
});
