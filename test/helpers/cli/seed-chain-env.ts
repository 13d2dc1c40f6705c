import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CHAIN_ENV } from "../../../config/chain-fields.ts";
import { SEED } from "./run-cli.ts";

/** The seed setup's `chain:` block as the CHAINCHECK_* variables the endpoint and aws targets read. */
export function seedChainEnv(setup: string = SEED): Record<string, string> {
  const chain = (parse(readFileSync(setup, "utf8")) as { chain: Record<string, unknown> }).chain;
  const env: Record<string, string> = {};
  for (const [field, variable] of Object.entries(CHAIN_ENV))
    if (chain[field] !== undefined) env[variable] = String(chain[field]);
  return env;
}
