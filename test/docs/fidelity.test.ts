import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fidelityRows, renderFidelity } from "../../helpers/docs/fidelity-table.ts";

const FIDELITY = new URL("../../docs/fidelity.md", import.meta.url).pathname;

describe("docs/fidelity.md", () => {
  test("lists every behaviour the code marks inferred, as generated", () => {
    expect(readFileSync(FIDELITY, "utf8")).toBe(renderFidelity());
  });

  test("names the file of each inferred behaviour", () => {
    expect(fidelityRows().length).toBeGreaterThan(0);
    expect(fidelityRows().every((row) => /^\| `(emulator|policy)\/[\w/.-]+\.ts` \|/.test(row))).toBe(true);
  });
});
