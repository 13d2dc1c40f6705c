import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseChainConfig } from "../../../config/chain-config.ts";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { CallRecorder } from "../../../helpers/aws/call-recorder.ts";
import type { LinkContext } from "../../../helpers/chain/context.ts";
import { runCopyFromS3 } from "../../../helpers/chain/copy-from-s3.ts";
import { pendingCleanups, runPendingCleanups } from "../../../helpers/chain/interrupt-cleanups.ts";
import { runStatement } from "../../../helpers/chain/statement.ts";
import { defaultSetupPath } from "../../../helpers/targets/open-target.ts";
import { runNode } from "./run-cli.ts";

const RUN_TS = new URL("../../../bin/run-ts.js", import.meta.url).pathname;
const CHILD = new URL("./fixtures/interrupt-child.ts", import.meta.url).pathname;

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ setup: defaultSetupPath() });
});
afterAll(() => emu?.stop());

/** Interrupts the run just before the COPY statement is sent, as a Ctrl-C at that moment would. */
class InterruptBeforeCopy extends CallRecorder {
  executes = 0;
  cleaned: string[] = [];
  override async call<T extends { $metadata?: { httpStatusCode?: number; requestId?: string } }>(
    service: string,
    operation: string,
    send: () => Promise<T>,
  ): Promise<T> {
    if (operation === "ExecuteStatement" && ++this.executes === 2) {
      this.cleaned = pendingCleanups();
      await runPendingCleanups();
    }
    return super.call(service, operation, send);
  }
}

function context(recorder: CallRecorder): LinkContext {
  const config = parseChainConfig(emu.world.setup.chain, "setup");
  const b = emu.credentials("arn:aws:iam::222222222222:role/chaincheck-redshift-role");
  return {
    config,
    target: "embedded",
    clientSettings: (credentials) => ({ region: config.region, endpoint: emu.endpoint, credentials }),
    testerCredentials: emu.credentials("A:tester"),
    state: { bRoleCredentials: b },
    recorder,
    checks: [],
  };
}

describe("cleanup on interrupt", () => {
  test("the COPY check's scratch table is dropped by the pending cleanup while the COPY is in flight", async () => {
    const recorder = new InterruptBeforeCopy();
    const ctx = context(recorder);
    const outcome = await runCopyFromS3(ctx);
    expect(recorder.cleaned).toEqual([
      expect.stringMatching(/^drop scratch table public\.chaincheck_copy_[0-9a-f]{12}$/),
    ]);
    const table = recorder.cleaned[0].replace("drop scratch table ", "");
    expect(outcome.status).toBe("fail");
    // The failed COPY's check names its statement id (and Redshift query id when it got one).
    expect(ctx.checks[0].detail).toMatch(
      new RegExp(
        `^COPY \\(statement [0-9a-f-]+(, query \\d+)?\\) ended FAILED: ERROR: Cannot COPY into nonexistent table ${table.split(".")[1]}$`,
      ),
    );
    const left = await runStatement(ctx, `select count(*) from ${table}`);
    expect(left.status).toBe("FAILED");
    expect(pendingCleanups()).toEqual([]);
  });

  test("a finished COPY check leaves no cleanup registered", async () => {
    const ctx = context(new CallRecorder());
    expect((await runCopyFromS3(ctx)).status).toBe("pass");
    expect(pendingCleanups()).toEqual([]);
  });

  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ])("on %s the CLI runs the pending cleanups, closes the target and exits %i", async (signal, code) => {
    expect(await runNode([RUN_TS, CHILD, signal])).toEqual({
      code,
      stdout: "scratch table dropped\ntarget closed\n",
      stderr: `chaincheck: ${signal}; removing what this run created, then stopping\n`,
    });
  });
});
