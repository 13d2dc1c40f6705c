/** One shard of the scenario matrix, for bench/scenarios.bench.ts: prints its outcomes as JSON
 *  (names, durations and mismatches only — never the reports). Args: shard index, shard count, pool. */
import { runMatrix } from "../helpers/scenarios/run-matrix.ts";
import { listScenarios } from "../helpers/scenarios/scenario-list.ts";

const [index, of, pool] = process.argv.slice(3).map(Number);
const outcomes = await runMatrix(listScenarios(), pool, "local", { index, of });
process.stdout.write(
  JSON.stringify(
    outcomes.map(({ name, variant, durationMs, mismatches }) => ({ name, variant, durationMs, mismatches })),
  ),
);
