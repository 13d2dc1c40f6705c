/**
 * The scenario self-test, in the scenario sweep's shards (scenario-sweep.ts): every scenario must
 * fail at its declared link with its declared cause, and its `.fix.yaml` must run green. Origin
 * `local` (helpers/scenarios/run-scenario.ts says why that proves the same), SQL template from the
 * cache. The break run is the sweep's, on the emulator its other checks share; the fix file's run
 * gets an emulator of its own.
 */
import { describe, expect, test } from "vitest";
import { matrixJobs } from "../../helpers/scenarios/run-matrix.ts";
import { runScenario, variantMismatches } from "../../helpers/scenarios/run-scenario.ts";
import type { ScenarioInfo } from "../../helpers/scenarios/scenario-list.ts";
import type { ScenarioSweep } from "./scenario-sweep.ts";

/** The break run's mismatches, worded as runScenario words them. */
async function breakMismatches(sweep: ScenarioSweep, scenario: ScenarioInfo): Promise<string[]> {
  try {
    return variantMismatches(scenario, "break", await sweep.broken(scenario));
  } catch (error) {
    const e = error as Error;
    return [`the run threw ${e.name}: ${e.message}`];
  }
}

export function defineScenarioRuns(sweep: ScenarioSweep): void {
  const jobs = matrixJobs(sweep.scenarios);
  describe.concurrent(`scenarios on the embedded target (shard ${sweep.shard + 1} of ${sweep.of})`, () => {
    for (const { scenario, variant } of jobs) {
      const title =
        variant === "break"
          ? `${scenario.name}: fails at ${scenario.expect?.link} with ${scenario.expect?.cause}`
          : `${scenario.name}.fix: every link passes`;
      test(title, { timeout: sweep.timeout }, async () => {
        const mismatches =
          variant === "break" && !scenario.problem
            ? await breakMismatches(sweep, scenario)
            : (await sweep.pool(() => runScenario(scenario, variant))).mismatches;
        expect(mismatches).toEqual([]);
      });
    }
  });
}
