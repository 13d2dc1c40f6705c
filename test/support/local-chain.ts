/** One chain run on a running emulator, origin `local`, the setup's chain config with `overrides`. */
import { type ChainConfig, parseChainConfig } from "../../config/chain-config.ts";
import type { RunningEmulator } from "../../emulator/index.ts";
import { runChain } from "../../helpers/chain/runner.ts";
import type { Report } from "../../helpers/report/types.ts";

export function runLocalChain(
  emu: RunningEmulator,
  overrides: Partial<ChainConfig> = {},
  withBReader = true,
): Promise<Report> {
  return runChain({
    target: "embedded",
    origin: "local",
    config: { ...parseChainConfig(emu.world.setup.chain, "setup"), ...overrides },
    endpoint: emu.endpoint,
    testerCredentials: emu.credentials("A:tester"),
    readerBCredentials: withBReader ? bReaderCredentials(emu) : undefined,
  });
}

/** B's `admin` user's keys, the harness's reader in B; undefined when the setup has no such user. */
export function bReaderCredentials(emu: RunningEmulator) {
  const [, accountB] = emu.world.setup.accounts;
  const hasReader = emu.world.setup.users.some((u) => u.account === accountB?.id && u.name === "admin");
  return hasReader ? emu.credentials("B:admin") : undefined;
}
