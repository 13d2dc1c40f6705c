/**
 * The twin's round trip over every bundled scenario and the seed (helpers/twin/round-trip.ts), in
 * two shards like the scenario self-test (one vitest worker per core), two round trips at a time
 * in each.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createPool } from "../../helpers/scenarios/run-pool.ts";
import { listScenarios } from "../../helpers/scenarios/scenario-list.ts";
import { roundTrip } from "../../helpers/twin/round-trip.ts";
import { SEED } from "../support/constants.ts";

export const SHARDS = 2;
const POOL = 2;
const RUN_TIMEOUT = 300_000;

export function roundTripJobs() {
  return [
    { name: "seed", setupFile: SEED, expect: undefined },
    ...listScenarios().map((s) => ({ name: s.name, setupFile: s.file, expect: s.expect })),
  ];
}

export function defineRoundTrips(shard: number): void {
  const pool = createPool(POOL);
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-twin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const jobs = roundTripJobs().filter((_, i) => i % SHARDS === shard);
  describe.concurrent(`the twin of each setup reproduces its run (shard ${shard + 1} of ${SHARDS})`, () => {
    for (const job of jobs) {
      const title = job.expect
        ? `${job.name}: the twin fails at ${job.expect.link} with ${job.expect.cause}`
        : `${job.name}: the twin runs green`;
      test(title, { timeout: RUN_TIMEOUT }, async () => {
        const outcome = await pool(() => roundTrip({ ...job, dir }));
        expect(outcome.mismatches).toEqual([]);
      });
    }
  });
}
