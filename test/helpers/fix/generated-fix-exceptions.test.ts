import { describe, expect, test } from "vitest";
import { FIXABLE_CAUSES } from "../../../helpers/fix/generate-fix.ts";
import { listScenarios } from "../../../helpers/scenarios/scenario-list.ts";
import { CLI_NOT_RUN, NOT_GREEN_BY_LAYER, OTHER_PARTS, STEPS } from "./fix-runs.ts";

const failing = listScenarios().filter((s) => s.expect);
const names = new Set(failing.map((s) => s.name));

describe("the generated fixes' exception lists", () => {
  test("at least 95 % of the bundled failing scenarios turn green by their generated fix alone", () => {
    const green = failing.filter((s) => !(s.name in NOT_GREEN_BY_LAYER)).length;
    expect(failing.length).toBeGreaterThanOrEqual(40);
    expect(green / failing.length).toBeGreaterThanOrEqual(0.95);
  });

  test("every exception names a bundled failing scenario and says why", () => {
    for (const list of [NOT_GREEN_BY_LAYER, CLI_NOT_RUN, OTHER_PARTS]) {
      for (const [name, reason] of Object.entries(list)) {
        expect(names.has(name), name).toBe(true);
        expect(reason.length, name).toBeGreaterThan(40);
      }
    }
    expect(Object.keys(STEPS).every((n) => names.has(n))).toBe(true);
  });

  test("every cause a bundled scenario declares has a fix generator", () => {
    const causes = new Set(failing.map((s) => s.expect?.cause));
    expect([...causes].filter((c) => !FIXABLE_CAUSES.includes(c as never))).toEqual([]);
  });

  test("the two-break scenario is declared to turn green in two steps", () => {
    expect(STEPS["caller-policy-missing-assume-role--two-breaks"]).toBe(2);
  });
});
