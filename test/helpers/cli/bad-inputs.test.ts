import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { runChain } from "../../../helpers/chain/runner.ts";
import {
  type BadInput,
  ENV_CASES,
  FLAG_CASES,
  FLEET_MATRIX_CASES,
  MATRIX_CASES,
  SETUP_CASES,
} from "./bad-input-cases.ts";
import { runMain } from "./cli-in-process.ts";

vi.mock("../../../helpers/chain/runner.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../../helpers/chain/runner.ts")>();
  return { ...actual, runChain: vi.fn(actual.runChain) };
});

const home = process.cwd();
const saved = { ...process.env };

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

beforeEach(() => {
  vi.mocked(runChain).mockClear();
});
afterEach(() => {
  process.chdir(home);
  process.env = { ...saved };
});

async function expectRefused(c: BadInput): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-bad-"));
  for (const [path, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const before = listing(dir);
  process.chdir(dir);
  process.env = { PATH: saved.PATH, HOME: dir, ...c.env };
  const result = await runMain(c.args);
  expect({ code: result.code, stdout: result.stdout }, result.stderr).toEqual({ code: 2, stdout: "" });
  expect(
    c.mentions.filter((fragment) => !result.stderr.includes(fragment)),
    result.stderr,
  ).toEqual([]);
  expect(runChain).not.toHaveBeenCalled();
  expect(listing(dir)).toEqual(before);
}

describe("bad input exits 2 up front, naming the flag, variable or file:line and a good value; nothing runs or is written", () => {
  test("there are at least 100 cases", () => {
    expect(
      FLAG_CASES.length + ENV_CASES.length + SETUP_CASES.length + MATRIX_CASES.length,
    ).toBeGreaterThanOrEqual(100);
  });
  test.each(FLAG_CASES.map((c) => [c.name, c] as const))("flags: %s", (_, c) => expectRefused(c));
  test.each(ENV_CASES.map((c) => [c.name, c] as const))("environment: %s", (_, c) => expectRefused(c));
  test.each(SETUP_CASES.map((c) => [c.name, c] as const))("setup: %s", (_, c) => expectRefused(c));
  test.each(MATRIX_CASES.map((c) => [c.name, c] as const))("matrix: %s", (_, c) => expectRefused(c));
  test.each(FLEET_MATRIX_CASES.map((c) => [c.name, c] as const))("chaincheck matrix: %s", (_, c) =>
    expectRefused(c),
  );
});
