/**
 * Twin round-trip benchmark: for the seed and every bundled scenario, the snapshot through the
 * endpoint target and the replay on the embedded target (helpers/twin/round-trip.ts), in one
 * process at most 2 at once (the self-test runs two such shards, one per core). Reports the wall
 * time, the per-round-trip p50/p90 and how many twins did not reproduce their run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mapPool } from "../helpers/scenarios/run-pool.ts";
import { listScenarios } from "../helpers/scenarios/scenario-list.ts";
import { defaultSetupPath } from "../helpers/targets/bundled-paths.ts";
import { roundTrip } from "../helpers/twin/round-trip.ts";
import { fmt, percentile } from "./lib/stats.ts";

const POOL = 2;

export interface TwinBenchResult {
  roundTrips: number;
  mismatches: number;
  wallMs: number;
  p50Ms: number;
  p90Ms: number;
}

export async function runTwinBench(log = console.log): Promise<TwinBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-twin-bench-"));
  const jobs = [
    { name: "seed", setupFile: defaultSetupPath(), expect: undefined },
    ...listScenarios().map((s) => ({ name: s.name, setupFile: s.file, expect: s.expect })),
  ];
  const started = performance.now();
  try {
    const outcomes = await mapPool(jobs, POOL, (job) => roundTrip({ ...job, dir }));
    const wallMs = performance.now() - started;
    const durations = outcomes.map((o) => o.durationMs);
    const result = {
      roundTrips: outcomes.length,
      mismatches: outcomes.filter((o) => o.mismatches.length > 0).length,
      wallMs,
      p50Ms: percentile(durations, 50),
      p90Ms: percentile(durations, 90),
    };
    log(
      `twin round trip: ${result.roundTrips} setups (snapshot over HTTP + embedded replay), ${POOL} at once, wall ${fmt(wallMs)}, per round trip p50 ${fmt(result.p50Ms)} p90 ${fmt(result.p90Ms)}, ${result.mismatches} mismatches`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2]?.endsWith("twin-round-trip.bench.ts")) await runTwinBench();
