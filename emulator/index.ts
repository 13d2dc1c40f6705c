/**
 * startEmulator: the embedded AWS, seeded from a setup, listening on loopback.
 *
 *   await using emu = await startEmulator({ setup: "fixtures/setups/seed.yaml" });
 *   const sts = new STSClient({ endpoint: emu.endpoint, region: emu.region, credentials: emu.credentials("A:tester") });
 *
 * Services: IAM, STS, Lambda, Redshift, Redshift Serverless, the Redshift Data API, Secrets Manager,
 * S3 and KMS, built in `servicesFor` (assemble.ts) with the collaborators each one needs.
 */
import { type ServiceCollaborators, servicesFor } from "./assemble.ts";
import { assertBindAllowed, isLoopbackHost } from "./core/bind-policy.ts";
import { createEmulatorServer } from "./core/server.ts";
import { LambdaRuntime } from "./lambda/lambda-service.ts";
import { clusterDatabase } from "./redshift/cluster-databases.ts";
import { findCluster } from "./redshift/cluster-store.ts";
import type { CopyExecutor } from "./redshift/copy-executor.ts";
import { credentialsFor } from "./world/credentials-for.ts";
import { loadSetup } from "./world/load-setup.ts";
import { loadWorld } from "./world/load-world.ts";
import { withRandomKeys } from "./world/mint-random-keys.ts";
import type { SetupInput, SetupLayer } from "./world/setup-schema.ts";
import type { StaticCredentials, World } from "./world/world.ts";

export { isLoopbackHost, RemoteBindRefused } from "./core/bind-policy.ts";
export { templateCached as sqlTemplateCached } from "./sql/template.ts";
export type { Setup, SetupInput, SetupLayer } from "./world/setup-schema.ts";
export { SetupValidationError } from "./world/setup-validation-error.ts";
export type { StaticCredentials, World } from "./world/world.ts";
export { loadSetup, loadWorld, type ServiceCollaborators, servicesFor };

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
  /** Start the chain's function (setup `chain.functionName` in account A, `chain.region`) at start,
   *  as provisioned concurrency would, so the first Invoke does not wait for its execution
   *  environment to start and load the handler (~0.5 s): the same child process with only its
   *  execution role's credentials. Off by default (a run whose origin is not the probe never
   *  invokes it). */
  prewarmFunction?: boolean;
  /** Runs the Data API's COPY statements instead of the built-in COPY (tests of the COPY port). */
  copyExecutor?: CopyExecutor;
  /** `off` only for the harness's lax-target test: no policy is evaluated (WorldOptions.iam). */
  iam?: "enforce" | "off";
  /** Live SQL database workers at most (WorldOptions.sqlWorkers); default 4. */
  sqlWorkers?: number;
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
  const world = loadWorld(remote ? withRandomKeys(setup) : setup, {
    clock,
    iam: options.iam,
    sqlWorkers: options.sqlWorkers,
  });
  // Seed S3 now (it reads the setup's object files), so a missing file fails the start.
  void world.s3;
  const lambda = new LambdaRuntime(world, {
    probeHandler: options.probeHandler,
    log: options.log,
    runWireCode: !remote || (options.allowRemoteCode ?? false),
  });
  const server = await createEmulatorServer({
    world,
    services: servicesFor(world, { lambda, copy: options.copyExecutor }),
    host,
    allowRemote: options.allowRemote ?? false,
    port: options.port ?? 0,
    log: options.log,
    clock,
  });
  lambda.setEndpoint(server.endpoint);
  if (options.prewarm) prewarmChainDatabase(world);
  const chain = world.setup.chain;
  const accountA = world.setup.accounts[0]?.id;
  if (options.prewarmFunction && chain?.functionName && accountA)
    lambda.prewarm(accountA, chain.region, chain.functionName);
  const stop = async () => {
    await lambda.close();
    await server.close();
    await world.close();
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
