/**
 * startEmulator: the embedded AWS, seeded from a setup, listening on loopback.
 *
 *   await using emu = await startEmulator({ setup: "fixtures/setups/seed.yaml" });
 *   const sts = new STSClient({ endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials("A:tester") });
 *
 * Services: IAM and STS so far; later services add their definitions to `servicesFor`.
 */
import { assertBindAllowed, isLoopbackHost } from "./core/bind-policy.ts";
import { createEmulatorServer } from "./core/server.ts";
import type { ServiceDefinition } from "./core/types.ts";
import { createIamService } from "./iam/iam-service.ts";
import { createKmsService } from "./kms/kms-service.ts";
import { createLambdaService, LambdaRuntime } from "./lambda/lambda-service.ts";
import { closeSqlEngineFor, clusterDatabase } from "./redshift/cluster-databases.ts";
import { findCluster } from "./redshift/cluster-store.ts";
import { setCopyExecutor } from "./redshift/copy-executor.ts";
import { runCopy } from "./redshift/copy-runner/index.ts";
import { createRedshiftService } from "./redshift/redshift-service.ts";
import { createRedshiftDataService } from "./redshift-data/data-api-service.ts";
import { createRedshiftServerlessService } from "./redshift-serverless/redshift-serverless-service.ts";
import { createS3Service } from "./s3/s3-service.ts";
import { createSecretsManagerService } from "./secrets-manager/secrets-manager-service.ts";
import { createStsService } from "./sts/sts-service.ts";
import { credentialsFor } from "./world/credentials-for.ts";
import { loadSetup } from "./world/load-setup.ts";
import { loadWorld } from "./world/load-world.ts";
import { withRandomKeys } from "./world/mint-random-keys.ts";
import type { SetupInput, SetupLayer } from "./world/setup-schema.ts";
import type { StaticCredentials, World } from "./world/world.ts";

export { isLoopbackHost, RemoteBindRefused } from "./core/bind-policy.ts";
export type { Setup, SetupInput, SetupLayer } from "./world/setup-schema.ts";
export { SetupValidationError } from "./world/setup-validation-error.ts";
export type { StaticCredentials, World } from "./world/world.ts";
export { loadSetup, loadWorld };

export interface StartEmulatorOptions {
  /** A setup object, or the path of a YAML/JSON setup file. */
  setup: SetupInput | SetupLayer | string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1 (loopback; `localhost` would make S3 clients go virtual-hosted). Any other
   *  address needs `allowRemote` (emulator/core/bind-policy.ts). */
  host?: string;
  /** Listen on a non-loopback host. Every user's access keys are then minted at random (the
   *  setup's fixed keys are public), and so are STS sessions and ids. */
  allowRemote?: boolean;
  /** With a non-loopback host: let Lambda functions created or changed over the wire
   *  (CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration) run. Off by default. */
  allowRemoteCode?: boolean;
  log?: (line: string) => void;
  /** Injectable clock (session expiry, request times); default the system clock. */
  clock?: () => Date;
  /** Path of the probe handler module that `code: { probe: true }` Lambda functions run (from the harness). */
  probeHandler?: string;
  /** Open the chain's database (setup `chain.clusterId` + `chain.database`) in the background at
   *  start, so the chain's first statement does not wait for it to load (~1.5 s). Off by default:
   *  a run that fails before the Data API would load it for nothing. */
  prewarm?: boolean;
  /** `off` only for the harness's lax-target test: no policy is evaluated (WorldOptions.iam). */
  iam?: "enforce" | "off";
}

export interface RunningEmulator {
  endpoint: string;
  /** True when listening beyond loopback (keys minted at random). */
  remote: boolean;
  /** The chain's region (setup `chain.region`), else ap-northeast-1. */
  region: string;
  /** Credentials for "A:tester", "<account>:<user>", a unique user name, a user ARN or a role ARN. */
  credentials(principal: string): StaticCredentials;
  world: World;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export function servicesFor(
  world: World,
  lambda: LambdaRuntime = new LambdaRuntime(world),
): ServiceDefinition[] {
  return [
    createIamService(world),
    createStsService(world),
    createLambdaService(world, lambda),
    createRedshiftService(world),
    createRedshiftDataService(world),
    createSecretsManagerService(world),
    createRedshiftServerlessService(world),
    createS3Service(world),
    createKmsService(world),
  ];
}

/** Starts loading the chain's cluster database; failures are left for the statement to report. */
function prewarmChainDatabase(world: World): void {
  const chain = world.setup.chain;
  if (!chain?.clusterId) return;
  const spec = world.setup.redshiftClusters.find(
    (c) => c.id === chain.clusterId && c.region === chain.region,
  );
  const cluster = spec && findCluster(world, spec.account, spec.region, spec.id);
  if (cluster) clusterDatabase(world, cluster, chain.database).catch(() => undefined);
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const clock = options.clock ?? (() => new Date());
  const host = options.host ?? "127.0.0.1";
  const remote = !isLoopbackHost(host);
  assertBindAllowed(host, options.allowRemote ?? false);
  const setup = loadSetup(options.setup);
  const world = loadWorld(remote ? withRandomKeys(setup) : setup, { clock, iam: options.iam });
  setCopyExecutor(world, runCopy);
  const lambda = new LambdaRuntime(world, {
    probeHandler: options.probeHandler,
    log: options.log,
    runWireCode: !remote || (options.allowRemoteCode ?? false),
  });
  const server = await createEmulatorServer({
    world,
    services: servicesFor(world, lambda),
    host,
    allowRemote: options.allowRemote ?? false,
    port: options.port ?? 0,
    log: options.log,
    clock,
  });
  lambda.setEndpoint(server.endpoint);
  if (options.prewarm) prewarmChainDatabase(world);
  const stop = async () => {
    await lambda.close();
    await server.close();
    await closeSqlEngineFor(world);
  };
  return {
    endpoint: server.endpoint,
    remote,
    region: world.setup.chain?.region ?? "ap-northeast-1",
    credentials: (principal) => credentialsFor(world, principal),
    world,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
