/**
 * The emulator as vitest fixtures (`test.extend`), in layers:
 * - `setup`: the file's world, the seed unless the file calls `fileSetup(seedWith({ ... }))`;
 * - `emu`: one emulator on that world for the whole file (started on first use, stopped after the
 *   file) — for tests that read the world or change only what no other test of the file reads;
 * - `start`: a fresh emulator per call (the seed plus a layer, or any setup), every one stopped
 *   after its test — for tests that change the world or need a clock or probe handler of their own.
 */
import { afterAll, test as base, beforeAll } from "vitest";
import {
  type RunningEmulator,
  type SetupLayer,
  type StartEmulatorOptions,
  startEmulator,
} from "../../emulator/index.ts";
import { mergeValues } from "../../emulator/world/merge-setups.ts";
import { A, B, SEED } from "./constants.ts";

export type Layer = Omit<SetupLayer, "extends">;
export type StartOptions = Omit<StartEmulatorOptions, "setup">;
export type EmulatorSetup = StartEmulatorOptions["setup"];
/** The `start` fixture: a fresh emulator, stopped after the test. */
export type StartEmulator = (
  setup?: Layer | EmulatorSetup,
  options?: StartOptions,
) => Promise<RunningEmulator>;

/** The seed plus `layer` (a layer's lists merge into the seed's by name, as setup files do). */
export const seedWith = (layer: Layer = {}): SetupLayer => ({ extends: SEED, ...layer });

/** Layers merged in order, as `extends:` merges setup files (later wins, lists merge by name). */
export function mergeLayers(...layers: Layer[]): Layer {
  let merged: unknown = {};
  for (const layer of layers) merged = mergeValues(merged, layer);
  return merged as Layer;
}

/** B's role trusting only A's tester user: the Lambda's session is no longer let in. */
export const B_ROLE_TRUSTS_A_TESTER_ONLY: Layer = {
  roles: [
    {
      account: B,
      name: "chaincheck-redshift-role",
      trustPolicy: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:user/tester` }, Action: "sts:AssumeRole" },
        ],
      },
    },
  ],
};

export const test = base
  .extend("setup", { scope: "file" }, SEED as EmulatorSetup)
  .extend("emu", { scope: "file" }, async ({ setup }, { onCleanup }): Promise<RunningEmulator> => {
    const emu = await startEmulator({ setup });
    onCleanup(() => emu.stop());
    return emu;
  })
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies by destructuring
  .extend("start", async ({}, { onCleanup }) => {
    const running: RunningEmulator[] = [];
    onCleanup(async () => {
      await Promise.all(running.map((emu) => emu.stop()));
    });
    const start: StartEmulator = async (setup = {}, options = {}) => {
      const resolved = typeof setup === "string" || "extends" in setup ? setup : seedWith(setup);
      const emu = await startEmulator({ setup: resolved, ...options });
      running.push(emu);
      return emu;
    };
    return start;
  });

/**
 * The file's world for `setup` (and so `emu`): call once at the top of a file. With `isolate: false`
 * vitest keeps a top-level `test.override` on the shared `test` for every later file of its worker
 * (vitest 4.1: it replaces the fixtures' registrations), so the seed is put back after the file.
 */
export function fileSetup(setup: EmulatorSetup): void {
  test.override("setup", { scope: "file" }, setup);
  afterAll(() => {
    test.override("setup", { scope: "file" }, SEED as EmulatorSetup);
  });
}

/**
 * The file's emulator for module-level helpers that close over it (`const tester = () => client(emu, …)`):
 * started before the file's first test, stopped after its last. Tests that take fixtures use `emu`.
 */
export function fileEmulator(setup: EmulatorSetup, options: StartOptions = {}): RunningEmulator {
  let started: RunningEmulator | undefined;
  beforeAll(async () => {
    started = await startEmulator({ setup, ...options });
  });
  afterAll(() => started?.stop());
  const get = (): RunningEmulator => {
    if (!started) throw new Error("the file's emulator starts in beforeAll; use it inside a test or hook");
    return started;
  };
  return {
    get endpoint() {
      return get().endpoint;
    },
    get region() {
      return get().region;
    },
    get world() {
      return get().world;
    },
    get remote() {
      return get().remote;
    },
    credentials: (principal) => get().credentials(principal),
    stop: () => get().stop(),
    [Symbol.asyncDispose]: () => get().stop(),
  };
}
