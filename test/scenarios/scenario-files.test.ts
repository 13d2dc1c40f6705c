/**
 * The scenario files themselves: loadable, each with its fix, named after its cause, and every
 * cause either reproduced or explained. The runs are in scenario-sweep-shard-*.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DESIGN_CAUSE_IDS } from "../../helpers/diagnosis/catalog/causes.ts";
import { listScenarios, orphanFixFiles, scenariosDir } from "../../helpers/scenarios/scenario-list.ts";

const scenarios = listScenarios();

describe("scenario files", () => {
  test("there are scenarios, each loadable with a known link and cause", () => {
    expect(scenarios.length).toBeGreaterThan(0);
    expect(scenarios.filter((s) => s.problem).map((s) => `${s.name}: ${s.problem}`)).toEqual([]);
  });

  test("every scenario has a .fix.yaml, and every .fix.yaml has its scenario", () => {
    expect(scenarios.filter((s) => !s.fixFile).map((s) => s.name)).toEqual([]);
    expect(orphanFixFiles()).toEqual([]);
  });

  test("names are the cause id, or <cause-id>--<variant>", () => {
    const wrong = scenarios.filter(
      (s) => s.expect && s.name !== s.expect.cause && !s.name.startsWith(`${s.expect.cause}--`),
    );
    expect(wrong.map((s) => `${s.name} expects ${s.expect?.cause}`)).toEqual([]);
  });

  test("every link 1–3 cause of docs/contracts.md has a scenario or a reason in fixtures/scenarios/README.md", () => {
    const readme = readFileSync(`${scenariosDir()}README.md`, "utf8");
    const covered = new Set(scenarios.map((s) => s.expect?.cause));
    const ids = [
      ...DESIGN_CAUSE_IDS["lambda-role"],
      ...DESIGN_CAUSE_IDS["assume-role"],
      ...DESIGN_CAUSE_IDS["cluster-credentials"],
    ];
    expect(ids.filter((id) => !covered.has(id) && !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
