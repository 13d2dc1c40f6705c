/**
 * Replays a `chaincheck record` recording: the chain walked once more, with every negative control,
 * against the embedded emulator seeded from the setup the recording names (as an `endpoint`, origin
 * `local`, the harness acting as the setup's `tester` in A), answers kept the way the recorder keeps
 * them (helpers/recorder/answer-recorder.ts), so they compare name by name with the recording.
 */
import { fileURLToPath } from "node:url";
import { parseChainConfig } from "../../../config/chain-config.ts";
import { startEmulator } from "../../../emulator/index.ts";
import { runRecordedChain } from "../../../helpers/recorder/record-chain.ts";

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

export async function replayChain(setup: string): Promise<Map<string, unknown>> {
  await using emu = await startEmulator({ setup: setup.startsWith("/") ? setup : `${REPOSITORY}${setup}` });
  const chain = emu.world.setup.chain;
  if (!chain) throw new Error(`${setup}: the setup has no chain: section to replay`);
  const run = await runRecordedChain({
    target: "endpoint",
    origin: "local",
    config: parseChainConfig(chain, "setup"),
    endpoint: emu.endpoint,
    testerCredentials: emu.credentials("A:tester"),
    notes: [],
    close: async () => {},
  });
  return run.answers;
}
