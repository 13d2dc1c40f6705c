/**
 * Resolves where the chain runs and with what: the target (embedded emulator, an endpoint,
 * LocalStack in Docker, real AWS), the origin, the validated chain config and the harness's own
 * credentials. Shared by the CLI (`chaincheck run`) and the vitest suites so both check exactly the
 * same thing. Precedence: .env (or `envFile`) → environment → explicit options (CLI flags); every
 * configuration problem is reported at once (config/harness-config.ts).
 */
import { type HarnessConfig, type HarnessFlags, resolveHarnessConfig } from "../../config/harness-config.ts";
import type { OpenTarget, TargetHooks } from "./target-types.ts";

export { TARGETS, type TargetName } from "../../config/harness-config.ts";
export { defaultSetupPath, probeHandlerPath } from "./bundled-paths.ts";
export { type OpenTarget, type TargetHooks, TargetUnavailableError } from "./target-types.ts";

export type TargetOptions = HarnessFlags;

/** Each target's module is imported when it is opened: the emulator and PGlite only for `embedded`,
 *  testcontainers only for `localstack`. */
export async function openResolvedTarget(
  config: HarnessConfig,
  hooks: TargetHooks = {},
): Promise<OpenTarget> {
  switch (config.target) {
    case "embedded":
      return (await import("./embedded-target.ts")).openEmbeddedTarget(config, hooks);
    case "localstack":
      return (await import("./localstack-target.ts")).openLocalstackTarget(config);
    case "endpoint":
    case "aws":
      return (await import("./endpoint-target.ts")).openEndpointTarget(config);
  }
}

export async function openTarget(
  options: TargetOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenTarget> {
  return openResolvedTarget(resolveHarnessConfig(options, env));
}
