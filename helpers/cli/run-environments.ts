/**
 * Several environments in one `chaincheck run`: each opens its own target and walks the chain,
 * at most `concurrency` at once (an embedded target is a whole emulator with its SQL workers, so
 * the bound matters), results in the order the environments were given. An environment whose
 * target cannot be opened is recorded with its sentence and exit 3 (or 2 for a setup file that
 * turns out invalid) while the others go on. Progress messages carry the environment's name.
 *
 * Known gaps: a Ctrl-C closes every open target but the report of environments that had finished
 * is not printed.
 */
import { ConfigError } from "../../config/chain-config.ts";
import type { Environment } from "../../config/environments.ts";
import { exitCodeFor, runChain } from "../chain/runner.ts";
import type { EnvironmentRun } from "../report/multi-report.ts";
import { withProgressLabel } from "../report/progress.ts";
import { type OpenTarget, openResolvedTarget, TargetUnavailableError } from "../targets/open-target.ts";

/** Runs `fn` over `items` with at most `size` at once; results in input order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

export interface RunEnvironmentsOptions {
  concurrency: number;
  /** Every target while it is open (the CLI closes them on Ctrl-C). */
  open?: Set<OpenTarget>;
}

async function runOne(environment: Environment, open: Set<OpenTarget>): Promise<EnvironmentRun> {
  const name = environment.name;
  let target: OpenTarget;
  try {
    target = await openResolvedTarget(environment.config);
  } catch (error) {
    if (error instanceof TargetUnavailableError)
      return { environment: name, exitCode: 3, error: error.message };
    if (error instanceof ConfigError) return { environment: name, exitCode: 2, error: error.message };
    throw error;
  }
  open.add(target);
  try {
    const report = await runChain(target);
    return { environment: name, exitCode: exitCodeFor(report), report };
  } finally {
    open.delete(target);
    await target.close();
  }
}

export function runEnvironments(
  environments: readonly Environment[],
  options: RunEnvironmentsOptions,
): Promise<EnvironmentRun[]> {
  const open = options.open ?? new Set<OpenTarget>();
  return mapBounded(environments, options.concurrency, (environment) =>
    withProgressLabel(environment.name, () => runOne(environment, open)),
  );
}
