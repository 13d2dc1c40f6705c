/**
 * The full scenario matrix: every scenario's broken setup and its fix, at most `pool` runs at
 * once (the self-test and bench/scenarios.bench.ts share it, so the bench measures what CI runs).
 */
import type { Origin } from "../chain/runner.ts";
import { mapPool } from "./run-pool.ts";
import { runScenario, type ScenarioOutcome, type ScenarioVariant } from "./run-scenario.ts";
import type { ScenarioInfo } from "./scenario-list.ts";

/** Runs at once in one process (one shard); the self-test and the bench run two shards. */
export const DEFAULT_POOL = 2;

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

/** Every `of`-th job starting at `shard`: one process runs one shard, so shards use all cores
 *  (one process's emulators, SDK clients and harness share a single JavaScript thread). */
export function shardJobs(jobs: readonly MatrixJob[], shard: number, of: number): MatrixJob[] {
  return jobs.filter((_, i) => i % of === shard);
}

export function runMatrix(
  scenarios: readonly ScenarioInfo[],
  pool = DEFAULT_POOL,
  origin: Origin = "local",
  shard: { index: number; of: number } = { index: 0, of: 1 },
): Promise<ScenarioOutcome[]> {
  const jobs = shardJobs(matrixJobs(scenarios), shard.index, shard.of);
  return mapPool(jobs, pool, (job) => runScenario(job.scenario, job.variant, origin));
}
