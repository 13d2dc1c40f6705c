/**
 * Scenario benchmark: wall time of the full scenario matrix (every scenario in fixtures/scenarios/
 * and its fix, each on a fresh embedded emulator, origin local) run as the self-test runs it:
 * two shards in two processes (one per core), each with at most 2 runs at once.
 * Target: under 60 s on the 2-core machine.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ScenarioOutcome } from "../helpers/scenarios/run-scenario.ts";
import { fmt, percentile } from "./lib/stats.ts";

const SHARDS = 2;
const POOL = 2;
const RUN_TS = fileURLToPath(new URL("../bin/run-ts.js", import.meta.url));
const SHARD_MAIN = fileURLToPath(new URL("./scenarios-shard.ts", import.meta.url));

export interface ScenariosBenchResult {
  runs: number;
  mismatches: number;
  wallMs: number;
  p50RunMs: number;
  p90RunMs: number;
}

type ShardOutcome = Pick<ScenarioOutcome, "name" | "variant" | "durationMs" | "mismatches">;

function runShard(index: number): Promise<ShardOutcome[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, SHARD_MAIN, String(index), String(SHARDS), String(POOL)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out) as ShardOutcome[])
        : reject(new Error(`shard ${index} exited ${code}`)),
    );
  });
}

export async function runScenariosBench(log = console.log): Promise<ScenariosBenchResult> {
  const started = performance.now();
  const outcomes = (await Promise.all(Array.from({ length: SHARDS }, (_, i) => runShard(i)))).flat();
  const wallMs = performance.now() - started;
  const durations = outcomes.map((o) => o.durationMs);
  const result = {
    runs: outcomes.length,
    mismatches: outcomes.filter((o) => o.mismatches.length > 0).length,
    wallMs,
    p50RunMs: percentile(durations, 50),
    p90RunMs: percentile(durations, 90),
  };
  log(
    `scenario matrix: ${result.runs} runs (scenarios + fixes) in ${SHARDS} processes × ${POOL} at once, wall ${fmt(wallMs)}, per run p50 ${fmt(result.p50RunMs)} p90 ${fmt(result.p90RunMs)}, ${result.mismatches} mismatches`,
  );
  return result;
}

if (process.argv[2]?.endsWith("scenarios.bench.ts")) await runScenariosBench();
