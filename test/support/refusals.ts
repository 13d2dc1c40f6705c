/**
 * Calls that must fail with AWS's exact error (name, message, HTTP status), written as rows of a
 * table: one test per row, each on a fresh emulator (the seed, or the seed plus a layer).
 */
import { expect } from "vitest";
import type { RunningEmulator } from "../../emulator/index.ts";
import { type AwsErrorShape, failure } from "./clients.ts";
import { type Layer, test } from "./emulator-fixture.ts";

export interface Refusal {
  /** The test's name: the behaviour the row shows. */
  test: string;
  call: (emu: RunningEmulator) => Promise<unknown>;
  error: AwsErrorShape;
  /** What the row changes in the seed before the call. */
  layer?: Layer;
}

/** One test per row: the call on a fresh emulator fails with exactly `error`. */
export function refusalTests(rows: Refusal[]): void {
  test.for(rows.map((row) => [row.test, row] as const))(
    "%s",
    async ([, { call, error, layer }], { start }) => {
      expect(await failure(call(await start(layer)))).toEqual(error);
    },
  );
}
