/**
 * The scenario self-test (issue 6, "Proving it"): every scenario in fixtures/scenarios/ runs on its
 * own embedded emulator and must fail at its declared link with its declared cause; its
 * `.fix.yaml` must then run green. A mismatch fails the test with what the run showed instead.
 *
 * Speed on 2 cores: at most POOL runs at once (each run is a whole emulator + SQL worker), origin
 * `local` (helpers/scenarios/run-scenario.ts says why that proves the same), and the SQL template
 * comes from the on-disk cache. Every emulator is stopped in runSetup's `finally`.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DESIGN_CAUSE_IDS } from "../../helpers/diagnosis/causes.ts";
import { createPool } from "../../helpers/scenarios/run-pool.ts";
import { runScenario } from "../../helpers/scenarios/run-scenario.ts";
import { listScenarios, orphanFixFiles, scenariosDir } from "../../helpers/scenarios/scenario-list.ts";

const POOL = 3;
// Queued runs wait inside their test for a pool slot, so the per-test timeout covers the queue.
const RUN_TIMEOUT = 300_000;

const scenarios = listScenarios();
const pool = createPool(POOL);

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

  test("every link 1–3 cause of design.md §5 has a scenario or a reason in fixtures/scenarios/README.md", () => {
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

describe.concurrent("scenarios on the embedded target", () => {
  for (const scenario of scenarios) {
    test(`${scenario.name}: fails at ${scenario.expect?.link} with ${scenario.expect?.cause}`, {
      timeout: RUN_TIMEOUT,
    }, async () => {
      const outcome = await pool(() => runScenario(scenario, "break"));
      expect(outcome.mismatches).toEqual([]);
    });
    if (scenario.fixFile)
      test(`${scenario.name}.fix: every link passes`, { timeout: RUN_TIMEOUT }, async () => {
        const outcome = await pool(() => runScenario(scenario, "fix"));
        expect(outcome.mismatches).toEqual([]);
      });
  }
});
