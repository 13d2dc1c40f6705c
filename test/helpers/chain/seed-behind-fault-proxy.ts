import { afterAll, beforeAll } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { setDataApiQuotas } from "../../../emulator/redshift-data/index.ts";
import { SEED } from "../../support/constants.ts";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.ts";

/** The Data API's per-second quotas lifted well past what the runs send (see below). */
const LIFTED_TPS = {
  ExecuteStatement: 10_000,
  BatchExecuteStatement: 10_000,
  DescribeStatement: 10_000,
  GetStatementResult: 10_000,
};

/**
 * The seed's emulator for this file, reached through a fault-injecting proxy; both stopped after it.
 * The emulator keeps the Data API's per-second quotas as AWS does (ExecuteStatement 30/s,
 * GetStatementResult 20/s); the files using this count every retry in a report against the faults
 * the proxy injected, and back-to-back runs on a quiet machine pass those quotas, so the emulator's
 * own ThrottlingException (a real fault, not an injected one) added retries and, on top of two
 * injected throttles, ended a link red. They are lifted here; the quotas are tested on their own.
 */
export function seedBehindFaultProxy(): { readonly emu: RunningEmulator; readonly proxy: FaultProxy } {
  let emu: RunningEmulator | undefined;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ setup: SEED, prewarm: true });
    setDataApiQuotas(emu.world, { tps: LIFTED_TPS });
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
