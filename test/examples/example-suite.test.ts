import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import { cacheDirs } from "../../config/cache-dirs.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);
const repo = mkdtempSync(join(tmpdir(), "chaincheck-user-repo-"));
const installed = join(repo, "node_modules", "chaincheck");
// The user's CI cache folder (CHAINCHECK_CACHE_DIR), holding the SQL templates this checkout's
// `npm ci` built. A fresh install's first run would build them (3–4 s of CPU; the build itself is
// test/emulator/sql/engine-lifecycle.test.ts's): here the example's own run is what is checked.
const cache = join(repo, ".chaincheck-cache");

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  success: boolean;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

function userTsconfig(module: string, moduleResolution: string): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module,
      moduleResolution,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
    },
    include: ["chain.test.ts"],
  });
}

beforeAll(async () => {
  mkdirSync(installed, { recursive: true });
  for (const entry of ["package.json", "bin", "config", "emulator", "helpers", "policy", "fixtures"])
    cpSync(join(ROOT, entry), join(installed, entry), { recursive: true });
  for (const dep of readdirSync(join(ROOT, "node_modules")))
    symlinkSync(join(ROOT, "node_modules", dep), join(repo, "node_modules", dep));
  writeFileSync(
    join(repo, "package.json"),
    JSON.stringify({ name: "user-repo", type: "module", private: true }),
  );
  cpSync(join(ROOT, "examples", "chain.test.ts"), join(repo, "chain.test.ts"));
  const templates = cacheDirs({}).template;
  if (existsSync(templates)) cpSync(templates, cache, { recursive: true });
  // `--noCheck`: the declarations only (the project's own type check is `npm run typecheck`, which
  // CI runs first); 10 → 6.5 s here, and the same files but for the order of a union's members.
  await run(process.execPath, [
    join(ROOT, "node_modules/typescript/bin/tsc"),
    "-p",
    join(ROOT, "tsconfig.types.json"),
    "--outDir",
    join(installed, "types"),
    "--noCheck",
  ]);
}, 240_000);

describe("examples/chain.test.ts in a user's repo with chaincheck installed", () => {
  test("passes under npx vitest", { timeout: 300_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      [join(repo, "node_modules/vitest/vitest.mjs"), "run", "--reporter", "json"],
      {
        cwd: repo,
        env: {
          PATH: process.env.PATH,
          HOME: repo,
          CHAINCHECK_CACHE_DIR: cache,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        },
      },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout?.trim().startsWith("{")) throw new Error(`vitest printed no report: ${error.stderr}`);
      return { stdout: error.stdout };
    });
    const result = JSON.parse(stdout) as VitestJsonReport;
    const failures = result.testResults.flatMap((file) =>
      file.assertionResults
        .filter((t) => t.status !== "passed")
        .map((t) => `${t.title}: ${t.status} ${t.failureMessages.join(" | ")}`),
    );
    expect(failures).toEqual([]);
    expect([result.success, result.numPassedTests, result.numFailedTests]).toEqual([true, 2, 0]);
  });

  test.each([
    ["nodenext", "nodenext"],
    ["esnext", "bundler"],
  ])(
    "typechecks with module %s and moduleResolution %s from the package's declarations",
    { timeout: 120_000 },
    async (module, resolution) => {
      writeFileSync(join(repo, "tsconfig.json"), userTsconfig(module, resolution));
      const result = await run(process.execPath, [
        join(ROOT, "node_modules/typescript/bin/tsc"),
        "-p",
        repo,
      ]).then(
        () => "",
        (error: { stdout: string }) => error.stdout,
      );
      expect(result).toBe("");
    },
  );
});
