/**
 * What `chaincheck emulator` prints and `--env-out` writes: a `.env` block that points
 * `chaincheck run --target endpoint` at the running emulator (endpoint, both region variables,
 * every field of the setup's `chain:`, the tester's keys), and every other principal as a named
 * profile in credentials-file format only, so pasting the block never leaves their keys in effect.
 * The lines are `export NAME=value`: a shell takes them as they are and dotenv reads the prefix.
 *
 * Known gaps: values are written unquoted (chain values never hold spaces except COPY options,
 * which are quoted); a setup without an `A:tester` user gets no keys in the block.
 */
import { CHAIN_ENV } from "../../config/chain-fields.ts";
import type { Setup } from "../../emulator/world/setup-schema.ts";

type SetupChain = NonNullable<Setup["chain"]>;

export interface EnvKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EmulatorEnvInput {
  endpoint: string;
  region: string;
  setupPath: string;
  chain: SetupChain | undefined;
  tester: (EnvKeys & { arn: string }) | undefined;
}

export interface ProfileInput extends EnvKeys {
  profile: string;
  arn: string;
}

function quoted(value: string): string {
  return /[\s#"'$`\\]/.test(value) ? `"${value.replace(/["\\$`]/g, "\\$&")}"` : value;
}

/** `NAME=value` lines for each field set in a setup's `chain:` block, in the order of CHAIN_ENV. */
export function chainEnvLines(chain: SetupChain, prefix = ""): string[] {
  const lines: string[] = [];
  for (const [field, variable] of Object.entries(CHAIN_ENV)) {
    if (field === "region") continue;
    const value = (chain as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    lines.push(`${prefix}${variable}=${quoted(String(value))}`);
  }
  return lines;
}

export function emulatorEnvBlock(input: EmulatorEnvInput): string {
  const lines = [
    `# chaincheck run --target endpoint against the emulator seeded from ${input.setupPath}`,
    "export CHAINCHECK_TARGET=endpoint",
    `export AWS_ENDPOINT_URL=${input.endpoint}`,
    `export AWS_REGION=${input.region}`,
    `export AWS_DEFAULT_REGION=${input.region}`,
  ];
  if (input.chain) lines.push(...chainEnvLines(input.chain, "export "));
  else lines.push("# the setup has no chain: block; set the CHAINCHECK_* variables by hand (.env.example)");
  if (input.tester) {
    lines.push(
      `# the harness runs as ${input.tester.arn}`,
      `export AWS_ACCESS_KEY_ID=${input.tester.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${input.tester.secretAccessKey}`,
    );
  } else {
    lines.push("# the setup has no tester user in its first account; set AWS_ACCESS_KEY_ID by hand");
  }
  return `${lines.join("\n")}\n`;
}

/** Credentials-file profiles (for ~/.aws/credentials), one per principal; never `export` lines. */
export function profileBlocks(profiles: ProfileInput[]): string {
  return profiles
    .map((p) =>
      [
        `# ${p.arn}`,
        `[${p.profile}]`,
        `aws_access_key_id = ${p.accessKeyId}`,
        `aws_secret_access_key = ${p.secretAccessKey}`,
      ].join("\n"),
    )
    .join("\n\n");
}
