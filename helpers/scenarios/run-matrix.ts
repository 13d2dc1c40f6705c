/**
 * The full scenario matrix: every scenario's broken setup and its fix, at most `pool` runs at
 * once (the self-test and bench/scenarios.bench.ts share it, so the bench measures what CI runs).
 */
import type { Origin } from "../chain/runner.ts";
import { mapPool } from "./run-pool.ts";
import { runScenario, type ScenarioOutcome, type ScenarioVariant } from "./run-scenario.ts";
import type { ScenarioInfo } from "./scenario-list.ts";

export const DEFAULT_POOL = 3;

export interface MatrixJob {
  scenario: ScenarioInfo;
  variant: ScenarioVariant;
}

export function matrixJobs(scenarios: readonly ScenarioInfo[]): MatrixJob[] {
  return scenarios.flatMap((scenario) => [
    { scenario, variant: "break" as const },
    ...(scenario.fixFile ? [{ scenario, variant: "fix" as const }] : []),
  ]);
}

export function runMatrix(
  scenarios: readonly ScenarioInfo[],
  pool = DEFAULT_POOL,
  origin: Origin = "local",
): Promise<ScenarioOutcome[]> {
  return mapPool(matrixJobs(scenarios), pool, (job) => runScenario(job.scenario, job.variant, origin));
}
