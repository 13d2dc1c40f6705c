/**
 * The `endpoint` and `aws` targets: the chain from the environment (CHAINCHECK_* variables), the
 * harness's own credentials from this environment's variables, else the SDK's standard provider
 * chain (env, profile, SSO, web identity) — helpers/aws/env-credentials.ts. An endpoint may be any
 * AWS-compatible server: the harness first checks that it answers (helpers/targets/target-reachable.ts);
 * whether it enforces IAM is each link's negative control (helpers/chain/negative-control.ts).
 */
import type { ChainConfig } from "../../config/chain-config.ts";
import type { HarnessConfig } from "../../config/harness-config.ts";
import { credentialsFromEnv } from "../aws/env-credentials.ts";
import { checkTargetReachable } from "./target-reachable.ts";
import type { OpenTarget } from "./target-types.ts";

export async function openEndpointTarget(config: HarnessConfig): Promise<OpenTarget> {
  const chain = config.chain as ChainConfig;
  const notes: string[] = [];
  // This environment's own keys or profile (several environments share one process).
  const testerCredentials = credentialsFromEnv(config.env);
  if (config.target === "endpoint") {
    notes.push(`endpoint ${config.endpoint}`);
    await checkTargetReachable({
      region: chain.region,
      endpoint: config.endpoint,
      credentials: testerCredentials,
    });
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
