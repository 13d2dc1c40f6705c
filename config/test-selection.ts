/**
 * Which vitest projects `npm test` runs. A user who configured a non-embedded target
 * (`CHAINCHECK_TARGET` in the environment or in `.env`) wants the chain suites against it, not the
 * project's own 1,000-odd tests of the emulator and the policy engine: `npm test` then runs the
 * `chain` project only and says so in one line; `npm run test:project` runs the project's own tests
 * (the `project` and `parity` projects). With no target configured, or the embedded one, all run
 * (what CI runs).
 * An explicit `--project` on the command line always wins and needs no note.
 *
 * Known gaps: an invalid CHAINCHECK_TARGET selects both projects; the chain suite then reports the
 * configuration error with its wording (config/harness-config.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import dotenv from "dotenv";

const NON_EMBEDDED = new Set(["endpoint", "localstack", "aws"]);

export type TestProject = "chain" | "project" | "parity";

export interface TestSelection {
  projects: TestProject[];
  /** The one line `npm test` prints when it narrows the run. */
  note?: string;
}

/** `.env` in `cwd` when it exists (the harness's own default env file), else nothing. */
function dotenvTarget(cwd: string): string | undefined {
  const file = resolve(cwd, ".env");
  return existsSync(file) ? dotenv.parse(readFileSync(file)).CHAINCHECK_TARGET : undefined;
}

export function selectTestProjects(
  env: NodeJS.ProcessEnv,
  cwd: string,
  argv: readonly string[] = [],
): TestSelection {
  const both: TestSelection = { projects: ["chain", "project", "parity"] };
  if (argv.some((arg) => arg === "--project" || arg.startsWith("--project="))) return both;
  const fromEnv = env.CHAINCHECK_TARGET?.trim() || undefined;
  const target = fromEnv ?? dotenvTarget(cwd)?.trim();
  if (!target || !NON_EMBEDDED.has(target)) return both;
  const where = fromEnv ? "the environment" : ".env";
  return {
    projects: ["chain"],
    note: `chaincheck: CHAINCHECK_TARGET=${target} (from ${where}): npm test runs the chain suites only; npm run test:project runs the project's own tests.`,
  };
}
