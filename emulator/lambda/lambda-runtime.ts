/**
 * What the Lambda service needs beyond the world: where the emulator listens (the handlers'
 * `AWS_ENDPOINT_URL`), the probe handler's path for `code: { probe: true }` functions (given by
 * the harness to startEmulator; the emulator never imports helpers/), and the warm environments,
 * which close() kills when the emulator stops.
 */
import type { World } from "../world/world.ts";
import { EnvironmentPool } from "./runtime/environment-pool.ts";

export interface LambdaRuntimeOptions {
  /** Absolute path of the probe handler module (a .ts file runs with tsx's loader). */
  probeHandler?: string;
  log?: (line: string) => void;
  /** Run functions whose code or configuration came over the wire. Default true; startEmulator
   *  turns it off when listening beyond loopback without `allowRemoteCode`. */
  runWireCode?: boolean;
}

export class LambdaRuntime {
  readonly pool: EnvironmentPool;
  readonly probeHandler: string | undefined;
  readonly log: (line: string) => void;
  readonly runWireCode: boolean;
  private endpointUrl: string | undefined;
  /** Event (asynchronous) invocations still running. */
  private readonly background = new Set<Promise<unknown>>();
  private readonly closers: (() => void)[] = [];
  private warmer: ((account: string, region: string, name: string) => void) | undefined;

  constructor(world: World, options: LambdaRuntimeOptions = {}) {
    this.pool = new EnvironmentPool(world.clock);
    this.probeHandler = options.probeHandler;
    this.log = options.log ?? (() => {});
    this.runWireCode = options.runWireCode ?? true;
  }

  /** Set by startEmulator once the server listens. */
  setEndpoint(endpoint: string): void {
    this.endpointUrl = endpoint;
  }

  get endpoint(): string | undefined {
    return this.endpointUrl;
  }

  runInBackground(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      this.log(
        `lambda: asynchronous invocation failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /** Set by the Lambda service: how to start a function's execution environment ahead of time. */
  setWarmer(warmer: (account: string, region: string, name: string) => void): void {
    this.warmer = warmer;
  }

  /** Starts the function's execution environment now, as provisioned concurrency does, so its first
   *  Invoke finds it initialised (runtime/environment-pool.ts). A missing function, or one Invoke
   *  would refuse, starts nothing. */
  prewarm(account: string, region: string, name: string): void {
    this.warmer?.(account, region, name);
  }

  /** Run `closer` on close() (the service removes its temporary code directories). */
  onClose(closer: () => void): void {
    this.closers.push(closer);
  }

  /** Kill every execution environment, let pending asynchronous invocations settle, clean up. */
  async close(): Promise<void> {
    this.pool.close();
    await Promise.allSettled([...this.background]);
    for (const closer of this.closers.splice(0)) closer();
  }
}
