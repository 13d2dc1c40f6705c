/**
 * The twin's round trip, for the self-test and the bench: a setup served by the emulator over
 * HTTP, snapshotted through the endpoint target exactly as a user would (the chain from the
 * CHAINCHECK_* variables `chaincheck emulator` prints, the tester's keys, B's admin as the reader
 * in B), written as a YAML setup, replayed on a fresh embedded emulator, and compared with what the
 * setup declares (a scenario's `expect`: failed link and cause; the seed: every link passes),
 * which the scenario self-test proves the original run shows.
 *
 * Known gaps: the replay uses origin `local` like the scenario self-test (helpers/scenarios/run-scenario.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHAIN_ENV } from "../../config/chain-config.ts";
import { resolveHarnessConfig } from "../../config/harness-config.ts";
import { type RunningEmulator, startEmulator } from "../../emulator/index.ts";
import type { Report } from "../report/types.ts";
import { breakMismatches, fixMismatches, runSetup } from "../scenarios/run-scenario.ts";
import type { ScenarioExpect } from "../scenarios/scenario-list.ts";
import { openEndpointTarget } from "../targets/endpoint-target.ts";
import { renderTwin } from "./render-twin.ts";
import { type Snapshot, snapshotOf } from "./take-snapshot.ts";

function hasReaderB(setup: {
  accounts: { id: string }[];
  users: { account: string; name: string }[];
}): boolean {
  const b = setup.accounts[1]?.id;
  return setup.users.some((u) => u.account === b && u.name === "admin");
}

export interface RoundTripOutcome {
  name: string;
  /** Empty when the twin showed what the setup declares. */
  mismatches: string[];
  snapshot?: Snapshot;
  twinFile?: string;
  report?: Report;
  durationMs: number;
}

export interface RoundTripInput {
  name: string;
  setupFile: string;
  /** The scenario's failed link and cause; undefined: every link must pass. */
  expect?: ScenarioExpect;
  /** Where the twin's YAML is written. */
  dir: string;
  withData?: number;
  /** An emulator already serving `setupFile`, snapshotted instead of a fresh one and left running
   *  (the self-test's scenario sweep reads one emulator per scenario for several checks). */
  emulator?: RunningEmulator;
}

/** Takes the snapshot of `setupFile` served over HTTP through the endpoint target. */
export async function snapshotOverHttp(setupFile: string, dir: string, withData = 65_536): Promise<Snapshot> {
  const emu = await startEmulator({ setup: setupFile });
  try {
    return await snapshotEmulatorOverHttp(emu, dir, withData);
  } finally {
    await emu.stop();
  }
}

/** Takes the snapshot of a running emulator through the endpoint target, as a user would. */
export async function snapshotEmulatorOverHttp(
  emu: RunningEmulator,
  dir: string,
  withData = 65_536,
): Promise<Snapshot> {
  const chain = (emu.world.setup.chain ?? {}) as Record<string, unknown>;
  const env: Record<string, string> = {
    CHAINCHECK_TARGET: "endpoint",
    AWS_ENDPOINT_URL: emu.endpoint,
    AWS_ACCESS_KEY_ID: emu.credentials("A:tester").accessKeyId,
    AWS_SECRET_ACCESS_KEY: emu.credentials("A:tester").secretAccessKey,
  };
  for (const [field, variable] of Object.entries(CHAIN_ENV))
    if (chain[field] !== undefined && chain[field] !== null) env[variable] = String(chain[field]);
  const config = resolveHarnessConfig({ target: "endpoint" }, env, dir);
  const target = await openEndpointTarget(config);
  // B's admin is the reader in B when the setup has one, as on the embedded target.
  const readerBCredentials = hasReaderB(emu.world.setup) ? emu.credentials("B:admin") : undefined;
  return await snapshotOf({ ...target, readerBCredentials, bReader: undefined }, withData);
}

export async function roundTrip(input: RoundTripInput): Promise<RoundTripOutcome> {
  const started = performance.now();
  const done = (o: Omit<RoundTripOutcome, "name" | "durationMs">): RoundTripOutcome => ({
    name: input.name,
    ...o,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const snapshot = input.emulator
      ? await snapshotEmulatorOverHttp(input.emulator, input.dir, input.withData)
      : await snapshotOverHttp(input.setupFile, input.dir, input.withData);
    const twinFile = join(input.dir, `${input.name}.twin.yaml`);
    writeFileSync(
      twinFile,
      renderTwin(snapshot, { takenAt: new Date().toISOString(), target: "endpoint" }, "yaml"),
    );
    const report = await runSetup(twinFile, "local");
    const mismatches = input.expect ? breakMismatches(input.expect, report) : fixMismatches(report);
    return done({ mismatches, snapshot, twinFile, report });
  } catch (error) {
    const e = error as Error;
    return done({ mismatches: [`the round trip threw ${e.name}: ${e.message}`] });
  }
}
