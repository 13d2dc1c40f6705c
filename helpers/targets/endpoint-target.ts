/**
 * The `endpoint` and `aws` targets: the chain from the environment (CHAINCHECK_* variables), the
 * harness's own credentials from this environment's variables, else the SDK's standard provider
 * chain (env, profile, SSO, web identity) — helpers/aws/env-credentials.ts. An endpoint may be any
 * AWS-compatible server, so the harness first asks it whether it enforces IAM and says so in the
 * report's notes (helpers/targets/iam-enforcement-probe.ts).
 */
import type { ChainConfig } from "../../config/chain-config.ts";
import type { HarnessConfig } from "../../config/harness-config.ts";
import { credentialsFromEnv } from "../aws/env-credentials.ts";
import { probeIamEnforcement } from "./iam-enforcement-probe.ts";
import type { OpenTarget } from "./target-types.ts";

export async function openEndpointTarget(config: HarnessConfig): Promise<OpenTarget> {
  const chain = config.chain as ChainConfig;
  const notes: string[] = [];
  // This environment's own keys or profile (several environments share one process).
  const testerCredentials = credentialsFromEnv(config.env);
  if (config.target === "endpoint") {
    notes.push(`endpoint ${config.endpoint}`);
    notes.push(
      ...(await probeIamEnforcement({
        region: chain.region,
        endpoint: config.endpoint,
        credentials: testerCredentials,
      })),
    );
  }
  return {
    target: config.target,
    origin: config.origin,
    config: chain,
    endpoint: config.endpoint,
    testerCredentials,
    notes,
    bReader: config.bReader,
    close: async () => {},
  };
}
