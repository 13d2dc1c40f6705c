/**
 * Issue 6 benchmark: wall time of the full scenario matrix (every scenario in fixtures/scenarios/
 * and its fix, each on a fresh embedded emulator, pool of 3, origin local) — what the self-test
 * test/scenarios/scenarios.test.ts runs. Target: under 60 s on the 2-core machine.
 */
import { runMatrix } from "../helpers/scenarios/run-matrix.ts";
import { listScenarios } from "../helpers/scenarios/scenario-list.ts";
import { fmt, percentile } from "./lib/stats.ts";

export interface ScenariosBenchResult {
  runs: number;
  mismatches: number;
  wallMs: number;
  p50RunMs: number;
  p90RunMs: number;
}

export async function runScenariosBench(): Promise<ScenariosBenchResult> {
  const scenarios = listScenarios();
  const started = performance.now();
  const outcomes = await runMatrix(scenarios);
  const wallMs = performance.now() - started;
  const durations = outcomes.map((o) => o.durationMs);
  const result = {
    runs: outcomes.length,
    mismatches: outcomes.filter((o) => o.mismatches.length > 0).length,
    wallMs,
    p50RunMs: percentile(durations, 50),
    p90RunMs: percentile(durations, 90),
  };
  console.log(
    `scenario matrix: ${result.runs} runs (${scenarios.length} scenarios + fixes), wall ${fmt(wallMs)}, per run p50 ${fmt(result.p50RunMs)} p90 ${fmt(result.p90RunMs)}, ${result.mismatches} mismatches`,
  );
  return result;
}

if (process.argv[2]?.endsWith("scenarios.bench.ts")) await runScenariosBench();
