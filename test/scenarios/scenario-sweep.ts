/**
 * The sweep over every bundled scenario, in shards (one test file each, so vitest runs them in
 * separate workers and both cores work). Three checks read the scenario's broken setup, and they
 * share one emulator of it, in this order, so its database is opened once instead of three times:
 * 1. the twin's round trip snapshots it over HTTP, read-only as a user would
 *    (test/twin/round-trip-runs.ts; the twin is replayed on an emulator of its own);
 * 2. the chain runs on it, origin `local`, and must fail as declared: the scenario self-test's
 *    break run (scenario-runs.ts; the same run `runSetup` makes, on an emulator it did not start);
 * 3. the generated fix's AWS CLI commands run on it, and the chain must then pass
 *    (test/helpers/fix/fix-runs.ts; the generated setup layers get emulators of their own).
 * The fix file's run and the seed's round trip start their own emulators as before.
 * A scenario's work runs in one pool slot (at most POOL scenarios at once per shard: each holds an
 * emulator and an SQL worker) and is started by whichever of its tests comes first; each part's
 * outcome is kept apart, so a part that throws fails only its own test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { startEmulator } from "../../emulator/index.ts";
import type { Report } from "../../helpers/report/types.ts";
import { createPool } from "../../helpers/scenarios/run-pool.ts";
import { listScenarios, type ScenarioInfo } from "../../helpers/scenarios/scenario-list.ts";
import { probeHandlerPath } from "../../helpers/targets/bundled-paths.ts";
import { type RoundTripOutcome, roundTrip } from "../../helpers/twin/round-trip.ts";
import { type GeneratedFixRuns, generatedFixRuns } from "../helpers/fix/fix-runs.ts";
import { runLocalChain } from "../support/local-chain.ts";

const SHARDS = 2;
const POOL = 2;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The value, or the part's error thrown again inside the test that reads it. */
function settledValue<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What the shared emulator of one scenario's broken setup showed. */
interface ScenarioWorld {
  /** The twin's round trip (roundTrip reports a throw as a mismatch). */
  twin: RoundTripOutcome;
  /** The chain's report on the broken setup. */
  broken: Settled<Report>;
  /** The generated fix's runs; scenarios without `expect` have none. */
  fix?: Settled<GeneratedFixRuns>;
}

export interface ScenarioSweep {
  /** This shard's index, from 0, and how many there are (test titles say "shard 1 of 2"). */
  shard: number;
  of: number;
  /** A test waits for its scenario's turn in the pool, so its timeout covers the queue. */
  timeout: number;
  /** This shard's scenarios. */
  scenarios: ScenarioInfo[];
  /** Where the twins' YAML files are written (removed after the file). */
  dir: string;
  /** At most POOL runs at once in this shard; the shared checks of a scenario take one slot. */
  pool: <T>(task: () => Promise<T>) => Promise<T>;
  /** The twin's round trip of the scenario's broken setup, on the shared emulator. */
  twin(scenario: ScenarioInfo): Promise<RoundTripOutcome>;
  /** The chain's report on the shared emulator; throws what the run threw. */
  broken(scenario: ScenarioInfo): Promise<Report>;
  /** The generated fix's runs, its CLI commands on the shared emulator; throws what they threw. */
  fix(scenario: ScenarioInfo): Promise<GeneratedFixRuns>;
}

async function sharedWorld(scenario: ScenarioInfo, dir: string): Promise<ScenarioWorld> {
  const job = { name: scenario.name, setupFile: scenario.file, expect: scenario.expect, dir };
  const started = await settle(() =>
    startEmulator({ setup: scenario.file, probeHandler: probeHandlerPath() }),
  );
  if (!started.ok)
    return {
      twin: await roundTrip(job),
      broken: started,
      ...(scenario.expect ? { fix: started } : {}),
    };
  const emu = started.value;
  try {
    const twin = await roundTrip({ ...job, emulator: emu });
    const broken = await settle(() => runLocalChain(emu));
    const fix = scenario.expect ? await settle(() => generatedFixRuns(scenario, emu)) : undefined;
    return { twin, broken, ...(fix ? { fix } : {}) };
  } finally {
    await emu.stop();
  }
}

export function scenarioSweep(shard: number): ScenarioSweep {
  const pool = createPool(POOL);
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-twin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const worlds = new Map<string, Promise<ScenarioWorld>>();
  const world = (scenario: ScenarioInfo): Promise<ScenarioWorld> => {
    let started = worlds.get(scenario.name);
    if (!started) {
      started = pool(() => sharedWorld(scenario, dir));
      worlds.set(scenario.name, started);
    }
    return started;
  };
  return {
    shard,
    of: SHARDS,
    timeout: 600_000,
    scenarios: listScenarios().filter((_, i) => i % SHARDS === shard),
    dir,
    pool,
    twin: async (scenario) => (await world(scenario)).twin,
    broken: async (scenario) => settledValue((await world(scenario)).broken),
    fix: async (scenario) => {
      const fix = (await world(scenario)).fix;
      if (!fix) throw new Error(`${scenario.name} declares no expect: the sweep ran no generated fix`);
      return settledValue(fix);
    },
  };
}
