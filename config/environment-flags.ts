/**
 * The flags of a run over several environments, and whether a run is one: apart from
 * environments.ts so that a single-environment run (`npm start`) decides it without loading the
 * environments' schema, YAML parser and file checks.
 */
import type { HarnessFlags } from "./harness-config.ts";

export interface EnvironmentFlags extends Omit<HarnessFlags, "envFile"> {
  envFiles?: string[];
  matrix?: string;
  concurrency?: string;
  shard?: string;
}

/** Whether the flags ask for several environments (else the single-environment run, unchanged). */
export function isMultiEnvironment(flags: EnvironmentFlags): boolean {
  return flags.matrix !== undefined || (flags.envFiles?.length ?? 0) > 1;
}
