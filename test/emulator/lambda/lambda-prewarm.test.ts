import { InvokeCommand } from "@aws-sdk/client-lambda";
import { describe, expect, test } from "vitest";
import { startEmulator } from "../../../emulator/index.ts";
import { A } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { CALLER_IDENTITY_HANDLER, decodePayload, lambdaClient, lambdaSetup } from "./lambda-test-world.ts";

async function firstInvoke(prewarmFunction: boolean) {
  await using emu = await startEmulator({
    setup: seedWith(lambdaSetup),
    probeHandler: CALLER_IDENTITY_HANDLER,
    prewarmFunction,
  });
  const out = await lambdaClient(emu).send(
    new InvokeCommand({ FunctionName: "chaincheck-probe", LogType: "Tail", Payload: Buffer.from("{}") }),
  );
  const report = Buffer.from(out.LogResult ?? "", "base64")
    .toString("utf8")
    .split("\n")
    .find((line) => line.startsWith("REPORT "));
  return { out, report: report ?? "", result: decodePayload(out.Payload) as Record<string, unknown> };
}

describe("prewarmFunction: the chain's function started with the emulator", () => {
  test("its first Invoke finds the environment initialised (no Init Duration) and runs as the execution role's session only", async () => {
    const { out, report, result } = await firstInvoke(true);
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(report).toMatch(/^REPORT RequestId: \S+\tDuration: [\d.]+ ms\t/);
    expect(report).not.toContain("Init Duration");
    expect(result).toMatchObject({
      arn: `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`,
      account: A,
      credentials: { accessKeyId: true, secretAccessKey: true, sessionToken: true },
    });
  });

  test("without it the first Invoke is a cold start that reports its Init Duration", async () => {
    const { out, report, result } = await firstInvoke(false);
    expect(out.StatusCode).toBe(200);
    expect(report).toMatch(/\tInit Duration: [\d.]+ ms\t$/);
    expect(result).toMatchObject({
      arn: `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`,
    });
  });
});
