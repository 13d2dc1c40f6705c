/**
 * Is there a container engine to start LocalStack in? testcontainers' own runtime discovery, under a
 * timeout: a Docker socket that exists but never answers would otherwise hang the run. testcontainers
 * is imported only here and only for the localstack target (it costs ~0.5 s to load).
 */
import { TargetUnavailableError } from "./target-types.ts";

export const RUNTIME_PROBE_TIMEOUT_MS = 5_000;

export const NO_DOCKER =
  "--target localstack needs a running Docker engine and none answered here; start Docker, or run LocalStack yourself and use --target endpoint --endpoint http://127.0.0.1:4566.";

export async function probeContainerRuntime(
  timeoutMs: number = RUNTIME_PROBE_TIMEOUT_MS,
  discover: () => Promise<unknown> = async () => (await import("testcontainers")).getContainerRuntimeClient(),
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([discover(), timeout]);
  } catch {
    throw new TargetUnavailableError(NO_DOCKER);
  } finally {
    clearTimeout(timer);
  }
}
