import { afterAll, beforeAll } from "vitest";
import { createEmulatorServer, type EmulatorServer } from "../../../emulator/core/server.ts";
import type { ServiceDefinition } from "../../../emulator/core/types.ts";
import type { ClientConfig } from "../../support/clients.ts";
import { aliceCredentials, createTestWorld, type TestWorld } from "./test-world.ts";

export interface TestEmulator {
  server: EmulatorServer;
  world: TestWorld;
  logs: string[];
}

export async function startTestEmulator(
  services: ServiceDefinition[],
  clock?: () => Date,
): Promise<TestEmulator> {
  const world = createTestWorld();
  const logs: string[] = [];
  const server = await createEmulatorServer({ world, services, clock, log: (line) => logs.push(line) });
  return { server, world, logs };
}

export interface FileTestEmulator extends TestEmulator {
  /** A real SDK client as alice against it, retries off. */
  client<C, X extends object = object>(
    Client: new (config: ClientConfig & X) => C,
    region: string,
    extra?: X,
  ): C;
}

/** A test emulator serving `services` to the file's tests: started before the first, closed after the last. */
export function fileTestEmulator(services: ServiceDefinition[], clock?: () => Date): FileTestEmulator {
  let started: TestEmulator | undefined;
  beforeAll(async () => {
    started = await startTestEmulator(services, clock);
  });
  afterAll(() => started?.server.close());
  const get = (): TestEmulator => {
    if (!started) throw new Error("the test emulator starts in beforeAll; use it inside a test");
    return started;
  };
  const member = <K extends keyof TestEmulator>(key: K) => ({ get: () => get()[key], enumerable: true });
  return Object.defineProperties(
    {
      client: (Client, region, extra) =>
        new Client({
          endpoint: get().server.endpoint,
          region,
          credentials: aliceCredentials,
          maxAttempts: 1,
          ...(extra as NonNullable<typeof extra>),
        }),
    } as FileTestEmulator,
    { server: member("server"), world: member("world"), logs: member("logs") },
  );
}
