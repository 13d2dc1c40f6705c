/**
 * `.env.example`, generated: the explanatory comments are written here, the chain's values are the
 * seed's (fixtures/setups/seed.yaml `chain:`), so the example always describes the chain the
 * embedded target and `chaincheck emulator` serve. Fields the seed leaves unset show the example of
 * config/chain-fields.ts, or nothing for the alternatives (workgroup, secret).
 * `node bin/run-ts.js helpers/docs/env-example.ts --write` rewrites it; test/docs/env-example.test.ts
 * fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import { CHAIN_ENV, EXAMPLES } from "../../config/chain-fields.ts";
import { loadSetup } from "../../emulator/world/load-setup.ts";

const SEED = new URL("../../fixtures/setups/seed.yaml", import.meta.url).pathname;
const UNSET_ALTERNATIVES = new Set(["workgroupName", "secretArn"]);

export function renderEnvExample(seedPath: string = SEED): string {
  const chain = (loadSetup(seedPath).chain ?? {}) as Record<string, unknown>;
  const line = (field: keyof typeof CHAIN_ENV) => {
    const seeded = chain[field];
    const value =
      seeded !== undefined && seeded !== null
        ? String(seeded)
        : UNSET_ALTERNATIVES.has(field)
          ? ""
          : EXAMPLES[field].replace(/ \(.*\)$/, "");
    return `# ${CHAIN_ENV[field]}=${value}`;
  };
  return `# chaincheck configuration. Copy to .env; the environment and CLI flags override it.
# Generated from fixtures/setups/seed.yaml by helpers/docs/env-example.ts (do not edit by hand).
# Several environments in one run: one file like this per environment, given as
# \`--env-file a.env --env-file b.env\`, or a matrix file (\`--matrix\`, see the README).
# With no configuration at all, \`npm start\` runs the chain against the embedded emulator seeded from
# fixtures/setups/seed.yaml, and none of these are needed.
# Against \`chaincheck emulator\`: \`chaincheck emulator --env-out .env.emulator\` writes a ready file
# for \`chaincheck run --target endpoint --env-file .env.emulator\`.

# Where the AWS APIs are: embedded (default) | endpoint | localstack | aws
# Any but embedded also makes \`npm test\` run only the chain suites (\`npm run test:project\` runs the rest)
# CHAINCHECK_TARGET=embedded
# For --target endpoint: any AWS-compatible endpoint (e.g. \`chaincheck emulator\` on 4566)
# AWS_ENDPOINT_URL=http://127.0.0.1:4566
# Whose identity links 2–5 run as: lambda-probe (inside the function; default for embedded) | local
# (the harness assumes the Lambda's execution role itself; default elsewhere)
# CHAINCHECK_ORIGIN=lambda-probe
# Setup file for the embedded and localstack targets (YAML or JSON)
# CHAINCHECK_SETUP=fixtures/setups/seed.yaml
# Report format: console (default) | json | junit | github
# CHAINCHECK_FORMAT=console
# Where \`npm test\` writes the chain's JSON report (the vitest reporter)
# CHAINCHECK_REPORT_FILE=reports/chaincheck.json
# A reader in B for the diagnosis (B's trust and role policies, the cluster): one of a profile, or a
# role in B that trusts the harness's identity
# CHAINCHECK_B_READ_PROFILE=b-reader
# CHAINCHECK_B_READ_ROLE_ARN=arn:aws:iam::222222222222:role/chaincheck-reader
# Where the embedded emulator caches its PGlite template (default .cache/pglite-template), and
# beside it the probe bundle, the scenario list and parsed setups (owner-only: a setup's emulator
# credentials are in them); an empty folder means a cold start (the template is built again, ~4 s)
# CHAINCHECK_CACHE_DIR=.cache/pglite-template
# Development, from the environment only (read before .env is): run the TypeScript sources
# through tsx instead of the CLI bundle in .build/
# CHAINCHECK_NO_BUNDLE=1
# Console colours: only on a terminal; NO_COLOR (any value) turns them off, FORCE_COLOR=1 on
# NO_COLOR=1
# --target localstack: the image (needs a Docker engine) and, for current images, your auth token
# CHAINCHECK_LOCALSTACK_IMAGE=localstack/localstack:4
# LOCALSTACK_AUTH_TOKEN=

# The chain (for --target endpoint|aws; the embedded target reads the setup file's \`chain:\` block).
# The values below are the seed's.
${line("region")}
# AWS CLI v1 and boto3 read this one instead; set both to the same region
# AWS_DEFAULT_REGION=${chain.region ?? EXAMPLES.region}
# The function in A (for --origin lambda-probe: the probe that \`chaincheck probe deploy\` creates)
${line("functionName")}
# Its execution role (checked by link 1; the role \`chaincheck probe deploy\` gives the probe)
${line("lambdaRoleArn")}
${line("targetRoleArn")}
${line("externalId")}
${line("sessionName")}
# 900–43200 seconds; 15m or 1h also work
${line("durationSeconds")}
# Exactly one of a provisioned cluster or a serverless workgroup:
${line("clusterId")}
${line("workgroupName")}
${line("database")}
# One of a DB user (GetClusterCredentials) or a Secrets Manager secret; neither = GetClusterCredentialsWithIAM:
${line("dbUser")}
${line("secretArn")}
# Optional COPY check (skipped when CHAINCHECK_COPY_SOURCE is unset):
${line("copySource")}
${line("copyRoleArn")}
${line("table")}
${line("copyOptions")}
# Where the COPY check creates (and always drops) its scratch table; created if missing (needs CREATE on the database)
${line("scratchSchema")}

# Credentials for --target aws come from the standard AWS SDK provider chain
# (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, web identity). Never commit them.
`;
}

if (process.argv[2]?.endsWith("env-example.ts")) {
  const path = new URL("../../.env.example", import.meta.url).pathname;
  const next = renderEnvExample();
  if (process.argv.includes("--write")) writeFileSync(path, next);
  else console.log(next);
}
