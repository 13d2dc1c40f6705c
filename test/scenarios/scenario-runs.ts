/**
 * The scenario self-test's runs, split into shards: each shard is its own
 * test file, so vitest runs them in separate workers and the matrix uses both cores. Every
 * scenario must fail at its declared link with its declared cause; its `.fix.yaml` must run green.
 * At most POOL runs at once per shard (each run is a whole emulator + SQL worker), origin `local`
 * (helpers/scenarios/run-scenario.ts says why that proves the same), SQL template from the cache.
 */
import { describe, expect, test } from "vitest";
import { matrixJobs, shardJobs } from "../../helpers/scenarios/run-matrix.ts";
import { createPool } from "../../helpers/scenarios/run-pool.ts";
import { runScenario } from "../../helpers/scenarios/run-scenario.ts";
import { listScenarios } from "../../helpers/scenarios/scenario-list.ts";

export const SHARDS = 2;
const POOL = 2;
// Queued runs wait inside their test for a pool slot, so the per-test timeout covers the queue.
const RUN_TIMEOUT = 300_000;

export function defineScenarioRuns(shard: number): void {
  const pool = createPool(POOL);
  const jobs = shardJobs(matrixJobs(listScenarios()), shard, SHARDS);
  describe.concurrent(`scenarios on the embedded target (shard ${shard + 1} of ${SHARDS})`, () => {
    for (const { scenario, variant } of jobs) {
      const title =
        variant === "break"
          ? `${scenario.name}: fails at ${scenario.expect?.link} with ${scenario.expect?.cause}`
          : `${scenario.name}.fix: every link passes`;
      test(title, { timeout: RUN_TIMEOUT }, async () => {
        const outcome = await pool(() => runScenario(scenario, variant));
        expect(outcome.mismatches).toEqual([]);
      });
    }
  });
}
