/**
 * Every link 4–5 cause of docs/contracts.md has a scenario in fixtures/scenarios/ or a reason in its
 * README (the scenario self-test checks links 1–3 the same way).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { DESIGN_CAUSE_IDS } from "../../../helpers/diagnosis/catalog/causes.ts";
import { listScenarios, scenariosDir } from "../../../helpers/scenarios/scenario-list.ts";

test("every link 4–5 cause of docs/contracts.md has a scenario or a reason in fixtures/scenarios/README.md", () => {
  const readme = readFileSync(`${scenariosDir()}README.md`, "utf8");
  const covered = new Set(listScenarios().map((s) => s.expect?.cause));
  const ids = [...DESIGN_CAUSE_IDS["execute-statement"], ...DESIGN_CAUSE_IDS["copy-from-s3"]];
  expect(ids.length).toBe(19);
  expect(ids.filter((id) => !covered.has(id) && !readme.includes(`\`${id}\``))).toEqual([]);
});
