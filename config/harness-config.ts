/**
 * The harness's own settings (where to run, as whom, how to report), resolved from `.env`, then the
 * environment, then CLI flags (docs/contracts.md), and the chain config for targets that take it from the
 * environment. Every problem is collected and reported at once, naming the flag or variable it came
 * from, with an example of a good value; nothing is checked until the config is whole.
 *
 * Several environments per run are config/environments.ts, which calls this once per environment
 * with its own copy of the variables.
 *
 * A reader in B for the diagnosis (CHAINCHECK_B_READ_PROFILE or CHAINCHECK_B_READ_ROLE_ARN) is read
 * here too, from the same merged variables, so each environment of a run can name its own.
 *
 * Known gaps: `--setup` is checked for existence only (the setup's own schema names its bad fields
 * later).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  type ChainConfig,
  ConfigError,
  chainConfigProblems,
  chainFromEnv,
  isWellFormedRoleArn,
  parseChainConfig,
} from "./chain-config.ts";
import { readEnvFile } from "./env-file.ts";
import { existingStat } from "./existing-stat.ts";
import { type OutputPath, outputPathProblems } from "./output-paths.ts";

export const TARGETS = ["embedded", "endpoint", "localstack", "aws"] as const;
export type TargetName = (typeof TARGETS)[number];
export const ORIGINS = ["lambda-probe", "local"] as const;
export type OriginName = (typeof ORIGINS)[number];
export const FORMATS = ["console", "json", "junit", "github", "html"] as const;
export type FormatName = (typeof FORMATS)[number];

/** Who reads B's side for the diagnosis: a profile, or a role in B the harness assumes. */
export type BReader = { profile: string } | { roleArn: string };

export const B_READ_ENV = {
  profile: "CHAINCHECK_B_READ_PROFILE",
  roleArn: "CHAINCHECK_B_READ_ROLE_ARN",
} as const;

/** What the CLI flags say (undefined = not given). */
export interface HarnessFlags {
  target?: string;
  origin?: string;
  format?: string;
  endpoint?: string;
  setup?: string;
  envFile?: string;
  /** `--output FILE` (checked before anything runs). */
  output?: string;
}

export interface HarnessConfig {
  target: TargetName;
  origin: OriginName;
  format: FormatName;
  endpoint?: string;
  /** Absolute path of the embedded target's setup; undefined = the bundled seed. */
  setup?: string;
  /** The chain for targets configured by environment (endpoint, aws). */
  chain?: ChainConfig;
  /** The localstack target's image (CHAINCHECK_LOCALSTACK_IMAGE), when one is chosen. */
  localstackImage?: string;
  /** A reader in B for the diagnosis, when one is configured. */
  bReader?: BReader;
  /** The merged variables (`.env` under the environment), for whatever reads more of them. */
  env: Record<string, string | undefined>;
  /** Embedded target: load the chain's database while links 1–3 run (default true; the scenario
   *  matrix turns it off, since most scenarios fail before the Data API). */
  prewarm?: boolean;
}

export const HARNESS_ENV = {
  target: "CHAINCHECK_TARGET",
  origin: "CHAINCHECK_ORIGIN",
  format: "CHAINCHECK_FORMAT",
  endpoint: "AWS_ENDPOINT_URL",
  setup: "CHAINCHECK_SETUP",
} as const;

/** Read the env file: an explicit one must exist; the default `.env` may be absent. Either must be
 *  a dotenv text file with nothing dotenv would skip (config/env-file.ts). */
function readEnv(path: string | undefined, cwd: string, problems: string[]): Record<string, string> {
  const file = resolve(cwd, path ?? ".env");
  if (!path && !existsSync(file)) return {};
  return readEnvFile(file, path ?? ".env", problems);
}

/**
 * The variables in force: the env file's under the environment's (dotenv's own rule). The SDK's
 * credential provider chain reads process.env itself (AWS_PROFILE, keys), so the file's values are
 * put there too — never over a variable the environment already has.
 */
export function resolveEnv(
  envFile: string | undefined,
  problems: string[],
  processEnv: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Record<string, string | undefined> {
  const fromFile = readEnv(envFile, cwd, problems);
  if (processEnv === process.env)
    for (const [name, value] of Object.entries(fromFile))
      if (process.env[name] === undefined) process.env[name] = value;
  return { ...fromFile, ...processEnv };
}

/** The value of a setting and the name to blame in messages: the flag wins over the variable. */
function pick(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  key: keyof typeof HARNESS_ENV,
) {
  const variable = HARNESS_ENV[key];
  if (flag !== undefined) return { value: flag, name: `--${key}` };
  const value = env[variable];
  return { value: value === "" ? undefined : value, name: variable };
}

function oneOf<T extends string>(
  choices: readonly T[],
  setting: { value?: string; name: string },
  fallback: T,
  problems: string[],
): T {
  const value = setting.value ?? fallback;
  if (choices.includes(value as T)) return value as T;
  problems.push(`${setting.name}: expected one of ${choices.join(", ")}, got "${value}"; e.g. ${fallback}`);
  return fallback;
}

export function endpointProblem(name: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name}: expected an http(s) URL, e.g. http://127.0.0.1:4566, got "${value}"`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `${name}: expected an http or https URL, e.g. http://127.0.0.1:4566, got "${value}"`;
  if (url.pathname !== "/" || url.search || url.hash)
    return `${name}: expected the endpoint's root with no path or query, e.g. http://127.0.0.1:4566, got "${value}"`;
  return undefined;
}

/** CHAINCHECK_B_READ_PROFILE or CHAINCHECK_B_READ_ROLE_ARN (one of them), validated. */
export function bReaderFromEnv(
  env: Record<string, string | undefined>,
  problems: string[],
): BReader | undefined {
  const profile = env[B_READ_ENV.profile] || undefined;
  const roleArn = env[B_READ_ENV.roleArn] || undefined;
  if (profile && roleArn) {
    problems.push(
      `${B_READ_ENV.profile} and ${B_READ_ENV.roleArn}: both set; set one — a profile with read access in B, or a role in B the harness assumes`,
    );
    return undefined;
  }
  if (profile) return { profile };
  if (!roleArn) return undefined;
  if (!isWellFormedRoleArn(roleArn)) {
    problems.push(
      `${B_READ_ENV.roleArn}: expected a role ARN in account B, e.g. arn:aws:iam::222222222222:role/chaincheck-reader, got "${roleArn}"`,
    );
    return undefined;
  }
  return { roleArn };
}

/** Resolve and validate everything at once; throws ConfigError listing every problem. */
export function resolveHarnessConfig(
  flags: HarnessFlags,
  processEnv: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): HarnessConfig {
  const problems: string[] = [];
  const env = resolveEnv(flags.envFile, problems, processEnv, cwd);
  const endpointSetting = pick(flags.endpoint, env, "endpoint");
  const targetSetting = pick(flags.target, env, "target");
  const inferred: TargetName = endpointSetting.value && !targetSetting.value ? "endpoint" : "embedded";
  const target = oneOf(TARGETS, targetSetting, inferred, problems);
  // Embedded: the seed deploys the probe, so links 2–5 run inside the function. Elsewhere the
  // probe must be deployed first (`chaincheck probe deploy`), so the harness's own identity is the default.
  const origin = oneOf(
    ORIGINS,
    pick(flags.origin, env, "origin"),
    target === "embedded" ? "lambda-probe" : "local",
    problems,
  );
  const format = oneOf(FORMATS, pick(flags.format, env, "format"), "console", problems);

  const endpoint = endpointSetting.value;
  if (endpoint) {
    const problem = endpointProblem(endpointSetting.name, endpoint);
    if (problem) problems.push(problem);
  }
  if (target === "endpoint" && !endpoint)
    problems.push(
      `AWS_ENDPOINT_URL (or --endpoint): required for --target endpoint; e.g. http://127.0.0.1:4566`,
    );
  if (target === "aws" && endpoint) {
    // The AWS SDK itself honours AWS_ENDPOINT_URL, so "aws" with an endpoint would silently not be AWS.
    problems.push(
      `${endpointSetting.name}: set, but --target aws talks to real AWS; unset it or use --target endpoint`,
    );
  }

  const setupSetting = pick(flags.setup, env, "setup");
  let setup: string | undefined;
  if (setupSetting.value) {
    const full = resolve(cwd, setupSetting.value);
    const stat = existingStat(full);
    if (!stat)
      problems.push(
        `${setupSetting.name}: no such file ${setupSetting.value}; expected a YAML or JSON setup such as fixtures/setups/seed.yaml`,
      );
    else if (!stat.isFile())
      problems.push(
        `${setupSetting.name}: ${setupSetting.value} is a directory; expected a YAML or JSON setup file such as fixtures/setups/seed.yaml`,
      );
    else setup = full;
    if (flags.setup !== undefined && target !== "embedded" && target !== "localstack")
      problems.push(`--setup: applies to the embedded and localstack targets only, not --target ${target}`);
  }

  // Embedded and localstack read the chain from the setup file (validated when it loads).
  const chainFromEnvironment = target === "endpoint" || target === "aws";
  if (chainFromEnvironment) problems.push(...chainConfigProblems(chainFromEnv(env), "env"));
  const bReader = bReaderFromEnv(env, problems);
  const localstackImage = env.CHAINCHECK_LOCALSTACK_IMAGE || undefined;
  problems.push(...outputPathProblems(outputPaths(flags.output, format, env), cwd));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    target,
    origin,
    format,
    endpoint: target === "endpoint" ? endpoint : undefined,
    setup,
    chain: chainFromEnvironment ? parseChainConfig(chainFromEnv(env), "env") : undefined,
    ...(bReader ? { bReader } : {}),
    ...(localstackImage ? { localstackImage } : {}),
    env,
  };
}

/** What a run with these settings writes: `--output`, the step summary for `--format github`. */
export function outputPaths(
  output: string | undefined,
  format: FormatName,
  env: Record<string, string | undefined>,
): OutputPath[] {
  const out: OutputPath[] = [];
  if (output !== undefined) out.push({ name: "--output", path: output, example: "chaincheck-report.txt" });
  const summary = env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summary)
    out.push({ name: "GITHUB_STEP_SUMMARY", path: summary, example: "/tmp/step-summary.md" });
  return out;
}
