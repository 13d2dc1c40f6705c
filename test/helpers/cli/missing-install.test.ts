// A checkout where `npm ci` has not run yet: `chaincheck` (and so `npm start`) says what to do in one
// line and exits 2, instead of the stack trace of the first import that needs a package. The files
// bin/chaincheck.js loads before that check are copied into a folder with no node_modules above it.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN_FILES = [
  "bin/chaincheck.js",
  "bin/cli-bundle.js",
  "config/cache-dirs.js",
  "emulator/core/early-hint.js",
  "emulator/core/file-lock.js",
  "emulator/lambda/runtime/early-runtime.js",
  "emulator/sql/early-start.js",
  "emulator/sql/wasm-flags.js",
];

const checkout = mkdtempSync(join(tmpdir(), "chaincheck-not-installed-"));
for (const file of BIN_FILES) cpSync(join(ROOT, file), join(checkout, file), { recursive: true });
writeFileSync(join(checkout, "package.json"), JSON.stringify({ type: "module" }));
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
