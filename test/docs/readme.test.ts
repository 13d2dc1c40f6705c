import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { renderReadme } from "../../helpers/docs/readme-tables.ts";

const README = new URL("../../README.md", import.meta.url).pathname;
const CI = new URL("../../.ci/run", import.meta.url).pathname;

describe("README", () => {
  test("its generated link and coverage tables match the code", async () => {
    const text = readFileSync(README, "utf8");
    expect(await renderReadme(text)).toBe(text);
  });

  test("CI runs the same test command the README gives", () => {
    expect(readFileSync(README, "utf8")).toContain("npm test ");
    expect(readFileSync(CI, "utf8")).toMatch(/^npm test 2>&1 \| tee "\$log" \|\| status=\$\?$/m);
  });
});
