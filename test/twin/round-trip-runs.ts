/**
 * The twin's round trip over every bundled scenario and the seed (helpers/twin/round-trip.ts), in
 * the scenario sweep's shards (test/scenarios/scenario-sweep.ts): a scenario's snapshot is taken
 * from the emulator its other checks share, before anything else runs on it; the seed's round trip
 * (in the first shard) starts its own.
 */
import { describe, expect, test } from "vitest";
import { roundTrip } from "../../helpers/twin/round-trip.ts";
import type { ScenarioSweep } from "../scenarios/scenario-sweep.ts";
import { SEED } from "../support/constants.ts";

export function defineRoundTrips(sweep: ScenarioSweep): void {
  describe.concurrent(`the twin of each setup reproduces its run (shard ${sweep.shard + 1} of ${sweep.of})`, () => {
    if (sweep.shard === 0)
      test("seed: the twin runs green", { timeout: sweep.timeout }, async () => {
        const outcome = await sweep.pool(() =>
          roundTrip({ name: "seed", setupFile: SEED, expect: undefined, dir: sweep.dir }),
        );
        expect(outcome.mismatches).toEqual([]);
      });
    for (const scenario of sweep.scenarios) {
      const title = scenario.expect
        ? `${scenario.name}: the twin fails at ${scenario.expect.link} with ${scenario.expect.cause}`
        : `${scenario.name}: the twin runs green`;
      test(title, { timeout: sweep.timeout }, async () => {
        const outcome = await sweep.twin(scenario);
        expect(outcome.mismatches).toEqual([]);
      });
    }
  });
}
