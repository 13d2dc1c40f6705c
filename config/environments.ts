/**
 * Several environments in one run: `--env-file` repeated, or a matrix file (`--matrix FILE`, YAML
 * or JSON). Each environment is resolved like a single run — its env file under the process
 * environment, then the matrix entry's `vars`, then the CLI flags — into its own HarnessConfig, and
 * every environment's problems are reported at once, each prefixed with the environment's name
 * (exit 2, nothing checked). Nothing of an environment is written into `process.env`: they run
 * side by side in one process (helpers/aws/env-credentials.ts gives each its own credentials).
 *
 * Matrix file:
 *
 *   concurrency: 2                 # optional; --concurrency wins; default 2
 *   environments:
 *     - name: staging              # unique; default: the env file's path, else env-<n>
 *       envFile: staging.env       # optional; relative to the matrix file
 *       vars:                      # optional; over the env file and the process environment
 *         CHAINCHECK_EXTERNAL_ID: staging-external-id
 *
 * Known gaps: no inheritance between matrix entries; `vars` values must be strings (numbers are
 * taken as written).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { ConfigError } from "./chain-config.ts";
import type { EnvironmentFlags } from "./environment-flags.ts";
import { existingStat } from "./existing-stat.ts";
import { type HarnessConfig, outputPaths, resolveHarnessConfig } from "./harness-config.ts";
import { outputPathProblems } from "./output-paths.ts";
import { parseShard, type Shard, shardOf } from "./shard.ts";
import { wordedIssue } from "./zod-wording.ts";

export const DEFAULT_CONCURRENCY = 2;
/** Endpoint and aws targets are sockets and awaits; an embedded environment is a whole emulator each. */
export const MAX_CONCURRENCY = 64;

export interface Environment {
  name: string;
  config: HarnessConfig;
}

export interface EnvironmentPlan {
  environments: Environment[];
  concurrency: number;
  /** `--shard K/N`: this run's part of the environments (config/shard.ts). */
  shard?: Shard;
}

const CONCURRENCY = "expected a whole number 1–64 such as 2";

const matrixSchema = z.strictObject({
  concurrency: z
    .number({ error: CONCURRENCY })
    .int(CONCURRENCY)
    .min(1, CONCURRENCY)
    .max(MAX_CONCURRENCY, CONCURRENCY)
    .optional(),
  environments: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[\w.@:/-]{1,64}$/, "expected 1–64 of [A-Za-z0-9_.@:/-]")
          .optional(),
        envFile: z.string().min(1).optional(),
        vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      }),
    )
    .min(1, "expected at least one environment"),
});

interface Entry {
  name: string;
  envFile?: string;
  vars: Record<string, string>;
}

function readMatrix(
  file: string,
  cwd: string,
  problems: string[],
): { entries: Entry[]; concurrency?: number } {
  const full = resolve(cwd, file);
  const stat = existingStat(full);
  if (!stat?.isFile()) {
    problems.push(
      `--matrix: ${stat ? `${file} is a directory` : `no such file ${file}`}; expected a YAML or JSON matrix such as envs/matrix.yaml`,
    );
    return { entries: [] };
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(full, "utf8"));
  } catch (error) {
    problems.push(`${file}: not YAML or JSON (${(error as Error).message.split("\n")[0]})`);
    return { entries: [] };
  }
  const parsed = matrixSchema.safeParse(raw, { error: wordedIssue });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${file}: ${issue.path.map(String).join(".") || "(top)"}: ${issue.message}`);
    return { entries: [] };
  }
  const base = dirname(full);
  const entries = parsed.data.environments.map((e, i) => ({
    name: e.name ?? e.envFile ?? `env-${i + 1}`,
    envFile: e.envFile === undefined ? undefined : resolve(base, e.envFile),
    vars: Object.fromEntries(Object.entries(e.vars ?? {}).map(([k, v]) => [k, String(v)])),
  }));
  return { entries, concurrency: parsed.data.concurrency };
}

function parseConcurrency(raw: string | undefined, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_CONCURRENCY) return n;
  problems.push(`--concurrency: expected a whole number 1–64 such as 2, got "${raw}"`);
  return undefined;
}

/** Resolve every environment; throws one ConfigError listing every environment's problems. */
export function resolveEnvironments(
  flags: EnvironmentFlags,
  processEnv: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): EnvironmentPlan {
  const problems: string[] = [];
  const {
    envFiles = [],
    matrix,
    concurrency: concurrencyFlag,
    shard: shardFlag,
    output,
    ...harnessFlags
  } = flags;
  if (matrix !== undefined && envFiles.length > 0)
    problems.push(
      "--matrix and --env-file both name environments; give one (a matrix entry may name an envFile)",
    );
  const fromMatrix = matrix === undefined ? undefined : readMatrix(matrix, cwd, problems);
  const all: Entry[] =
    fromMatrix?.entries ?? envFiles.map((file) => ({ name: file, envFile: file, vars: {} }));
  const seen = new Set<string>();
  for (const entry of all) {
    if (seen.has(entry.name)) problems.push(`environment ${entry.name}: named twice; names must be unique`);
    seen.add(entry.name);
  }
  const shard = parseShard(shardFlag, problems);
  // Only this shard's environments are resolved: another shard's env files need not exist here.
  const entries = shard ? shardOf(all, shard, problems) : all;
  const concurrency =
    parseConcurrency(concurrencyFlag, problems) ?? fromMatrix?.concurrency ?? DEFAULT_CONCURRENCY;
  const environments: Environment[] = [];
  for (const entry of entries) {
    try {
      // A copy of the environment: resolveHarnessConfig then leaves process.env alone.
      const env = { ...processEnv, ...entry.vars };
      environments.push({
        name: entry.name,
        config: resolveHarnessConfig({ ...harnessFlags, envFile: entry.envFile }, env, cwd),
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((p) => `[${entry.name}] ${p}`));
    }
  }
  // One report for every environment: its paths are checked once, not per environment.
  const format = environments[0]?.config.format ?? "console";
  problems.push(...outputPathProblems(outputPaths(output, format, processEnv), cwd));
  if (problems.length > 0) throw new ConfigError(problems);
  return shard ? { environments, concurrency, shard } : { environments, concurrency };
}
