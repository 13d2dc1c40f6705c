import { afterAll, beforeAll } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { SEED } from "../../support/constants.ts";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.ts";

/** The seed's emulator for this file, reached through a fault-injecting proxy; both stopped after it. */
export function seedBehindFaultProxy(): { readonly emu: RunningEmulator; readonly proxy: FaultProxy } {
  let emu: RunningEmulator | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ setup: SEED, prewarm: true });
    proxy = await startFaultProxy(emu.endpoint);
  });
  afterAll(async () => {
    await proxy?.close();
    await emu?.stop();
  });
  return {
    get emu() {
      if (!emu) throw new Error("the emulator starts in beforeAll");
      return emu;
    },
    get proxy() {
      if (!proxy) throw new Error("the proxy starts in beforeAll");
      return proxy;
    },
  };
}
