import { mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_CACHE_DIR, ensureTemplate } from "../../../emulator/sql/template.ts";
import { type CliResult, cleanEnv, runCli } from "./run-cli.ts";

const PROBE_LINE = /^chaincheck: first run since the sources changed: bundling the probe .* — about 1 s$/m;

/** A cache folder with the SQL templates already built but no probe bundle: a start bundles it. */
function cacheWithoutProbe(): string {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-one-time-"));
  for (const name of readdirSync(DEFAULT_CACHE_DIR).filter((n) => n.endsWith(".tar")))
    symlinkSync(join(DEFAULT_CACHE_DIR, name), join(dir, name));
  return dir;
}

const run = (format: string) =>
  runCli(["run", "--format", format], cleanEnv({ CHAINCHECK_CACHE_DIR: cacheWithoutProbe() }));

let console_: CliResult;
let json: CliResult;
let junit: CliResult;

beforeAll(async () => {
  await ensureTemplate(DEFAULT_CACHE_DIR, "dev");
  [console_, json, junit] = await Promise.all([run("console"), run("json"), run("junit")]);
}, 120_000);

describe("one-time work on a start is said on one line, on the console only", () => {
  test("console: one line on stderr naming the work and how long, before the report; none on stdout", () => {
    const { code, stdout, stderr } = console_;
    expect(code).toBe(0);
    expect(stderr.match(new RegExp(PROBE_LINE.source, "gm"))).toHaveLength(1);
    expect(stdout).not.toContain("first run");
    expect(stdout).toContain("verdict: pass");
  });

  test("json and junit: stdout is the report alone and stderr says nothing", () => {
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).verdict).toBe("pass");
    expect(json.stdout).not.toContain("first run");
    expect(json.stderr).not.toMatch(PROBE_LINE);
    expect(junit.code).toBe(0);
    expect(junit.stdout.startsWith("<?xml")).toBe(true);
    expect(junit.stdout).not.toContain("first run");
    expect(junit.stderr).not.toMatch(PROBE_LINE);
  });
});
