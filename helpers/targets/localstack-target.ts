/**
 * The `localstack` target: LocalStack in Docker through testcontainers (`@testcontainers/localstack`
 * v11; v12 crashes on import on Node 20), the setup's world written into it through the SDK, the
 * chain from the setup's `chain:` block, stopped when the run closes.
 *
 * LocalStack maps a 12-digit access key id to that account, so account A's and B's identities are
 * `{ accessKeyId: <account id>, secretAccessKey: "test" }` — fixed, well-known, not secrets.
 * Its free image enforces no IAM and has no Data API: the links' negative controls make their passes
 * `not-enforced`, and links that meet a 501 are `error` ("the target cannot check this").
 *
 * Known gaps: the image needs LOCALSTACK_AUTH_TOKEN for current releases (passed through when set);
 * Lambda invocations inside LocalStack need the Docker socket, which is not mounted, so the
 * `lambda-probe` origin cannot run here.
 */
import { ConfigError, parseChainConfig } from "../../config/chain-config.ts";
import type { HarnessConfig } from "../../config/harness-config.ts";
import { loadSetup } from "../../emulator/index.ts";
import { probeContainerRuntime } from "./container-runtime.ts";
import { defaultSetupPath, setupConfigError } from "./embedded-target.ts";
import { provisionSetup, setupDirOf } from "./provision-setup.ts";
import { type OpenTarget, TargetUnavailableError } from "./target-types.ts";

export const LOCALSTACK_IMAGE = "localstack/localstack:4";

export async function openLocalstackTarget(config: HarnessConfig): Promise<OpenTarget> {
  const setupPath = config.setup ?? defaultSetupPath();
  let setup: ReturnType<typeof loadSetup>;
  try {
    setup = loadSetup(setupPath);
  } catch (error) {
    setupConfigError(error, setupPath);
  }
  if (!setup.chain)
    throw new ConfigError([`${setupPath}: the setup has no chain: section (what the harness should check)`]);
  const chain = parseChainConfig(setup.chain, "setup");
  await probeContainerRuntime();

  const { LocalstackContainer } = await import("@testcontainers/localstack");
  const image = config.localstackImage ?? LOCALSTACK_IMAGE;
  const token = config.env.LOCALSTACK_AUTH_TOKEN;
  let container: Awaited<ReturnType<InstanceType<typeof LocalstackContainer>["start"]>>;
  try {
    container = await new LocalstackContainer(image)
      .withEnvironment(token ? { LOCALSTACK_AUTH_TOKEN: token } : {})
      .start();
  } catch (error) {
    throw new TargetUnavailableError(
      `LocalStack (${image}) did not start: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  try {
    const endpoint = container.getConnectionUri();
    const credentialsFor = (account: string) => ({ accessKeyId: account, secretAccessKey: "test" });
    const tester = credentialsFor(setup.accounts[0].id);
    const notes = [`LocalStack ${image} at ${endpoint}, provisioned from ${setupPath}`];
    notes.push(
      ...(await provisionSetup({
        setup,
        setupDir: setupDirOf(setupPath),
        endpoint,
        credentialsFor,
        region: chain.region,
      })),
    );
    if (config.origin === "lambda-probe")
      notes.push(
        "origin lambda-probe on LocalStack: the probe needs LocalStack to run Lambda in Docker, which this target does not set up",
      );
    return {
      target: "localstack",
      origin: config.origin,
      config: chain,
      endpoint,
      testerCredentials: tester,
      notes,
      bReader: config.bReader,
      close: async () => {
        await container.stop();
      },
    };
  } catch (error) {
    await container.stop();
    throw error;
  }
}
