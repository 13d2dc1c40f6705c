import { createEmulatorServer, type EmulatorServer } from "../../../emulator/core/server.ts";
import type { ServiceDefinition } from "../../../emulator/core/types.ts";
import { createTestWorld, type TestWorld } from "./test-world.ts";

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
