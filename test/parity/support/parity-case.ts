import type { ParityRun } from "./parity-run.ts";

/** One recorded case replayed: its catalog key and the requests of the recorded test, in order. */
export interface ParityCase {
  /** `<Class>::<test>[<parameters>]`, as in recorded/catalog.json. */
  key: string;
  run(t: ParityRun): Promise<void>;
  /** A difference from AWS that stays, in one line: why. */
  mismatch?: string;
}
