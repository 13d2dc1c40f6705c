/**
 * What every SDK client the harness makes for a target reached at an endpoint of its own (the
 * embedded emulator, `--target endpoint`, LocalStack) is given, beside region and credentials.
 *
 * Path-style S3 addressing: an emulator answers on one host. The rest are the SDK's own defaults
 * (what it uses when neither the environment nor ~/.aws/config names them), written out so a client
 * does not look them up: each lookup that finds nothing throws and catches an error with a stack
 * and reads the shared config files' cache, per client, and the chain, the diagnosis and the twin
 * make a client per call. Measured with 200 STS clients each sending one call to the emulator:
 * 460–580 → 390–450 ms CPU. For real AWS (no endpoint) nothing is set: a user's AWS_DEFAULTS_MODE
 * and profile settings apply as the SDK reads them.
 */
export interface EndpointClientConfig {
  forcePathStyle?: boolean;
  defaultsMode?: "legacy";
  retryMode?: "standard";
  userAgentAppId?: string;
}

export function endpointClientConfig(endpoint: string | undefined): EndpointClientConfig {
  if (!endpoint) return {};
  return { forcePathStyle: true, defaultsMode: "legacy", retryMode: "standard", userAgentAppId: "" };
}
