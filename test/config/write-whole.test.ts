import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeFileWhole } from "../../config/write-whole.ts";
import { tempFolder } from "../support/files.ts";

describe("writeFileWhole", () => {
  test("replaces the old file with the whole new text and leaves no temporary file", () => {
    const dir = tempFolder();
    const file = join(dir, "state.json");
    writeFileSync(file, "old");
    writeFileWhole(file, "new text\n");
    expect(readFileSync(file, "utf8")).toBe("new text\n");
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  test("a write that cannot land leaves what was there and no temporary file, and throws", () => {
    const dir = tempFolder();
    const taken = join(dir, "report.json");
    mkdirSync(taken);
    writeFileSync(join(taken, "inside"), "kept");
    expect(() => writeFileWhole(taken, "text")).toThrow();
    expect(readdirSync(dir)).toEqual(["report.json"]);
    expect(readFileSync(join(taken, "inside"), "utf8")).toBe("kept");
  });

  test("a mode is the new file's mode, also when it replaces a readable one", () => {
    const file = join(tempFolder(), ".env.emulator");
    writeFileSync(file, "old", { mode: 0o644 });
    writeFileWhole(file, "AWS_REGION=ap-northeast-1\n", { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
