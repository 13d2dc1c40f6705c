import { networkInterfaces } from "node:os";
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect } from "vitest";
import {
  isLoopbackHost,
  type RunningEmulator,
  type StaticCredentials,
  startEmulator,
} from "../../../emulator/index.ts";
import { runCli } from "../../helpers/cli/run-cli.ts";
import { A, LAMBDA_ROLE_ARN, REGION, SEED } from "../../support/constants.ts";
import { type StartEmulator, test } from "../../support/emulator-fixture.ts";
import { CALLER_IDENTITY_HANDLER, decodePayload, lambdaSetup, zipWith } from "../lambda/lambda-test-world.ts";
import { failureOf } from "./sdk-clients.ts";

const SEED_TESTER: StaticCredentials = {
  accessKeyId: "AKIACHAINCHECKTESTER",
  secretAccessKey: "chaincheck-tester-secret-not-a-real-key",
};
const WIRE_CODE_REFUSED = (name: string) =>
  `chaincheck emulator: function ${name} runs code sent over the network, and this emulator listens ` +
  "beyond loopback without --allow-remote-code (startEmulator({ allowRemoteCode: true })), so it does " +
  "not run it. Listen on 127.0.0.1, or allow remote code if every client on the network is trusted.";

async function remote(
  start: StartEmulator,
  allowRemoteCode = false,
): Promise<{ emu: RunningEmulator; endpoint: string }> {
  const emu = await start(lambdaSetup, {
    host: "0.0.0.0",
    allowRemote: true,
    allowRemoteCode,
    probeHandler: CALLER_IDENTITY_HANDLER,
  });
  return { emu, endpoint: `http://127.0.0.1:${new URL(emu.endpoint).port}` };
}

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && !i.internal && i.family === "IPv4")?.address;

const lambdaAt = (endpoint: string, emu: RunningEmulator) =>
  new LambdaClient({ endpoint, region: REGION, credentials: emu.credentials("A:tester"), maxAttempts: 1 });

const createFromTheWire = (client: LambdaClient) =>
  client.send(
    new CreateFunctionCommand({
      FunctionName: "from-the-wire",
      Role: LAMBDA_ROLE_ARN,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Code: { ZipFile: zipWith({ "index.mjs": "export const handler = async () => 'ran';" }) },
    }),
  );

const sts = (endpoint: string, credentials: StaticCredentials) =>
  new STSClient({ endpoint, region: REGION, credentials, maxAttempts: 1 });

describe("where the emulator may listen", () => {
  test.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["[::1]", true],
    ["::ffff:127.0.0.1", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
    ["128.0.0.1", false],
    ["127.0.0.1.example.com", false],
    ["999.1.1.1", false],
  ])("%s is loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  test.each(["0.0.0.0", "::", "10.1.2.3", "example.com"])(
    "startEmulator refuses %s without allowRemote, naming the risk and the option",
    async (host) => {
      await expect(startEmulator({ setup: SEED, host })).rejects.toThrow(
        `"${host}" is not a loopback address: the emulator would accept requests from the network, ` +
          "and anyone who can reach it could call it with the setup's published access keys and run " +
          "Lambda code on this machine. Listen on 127.0.0.1 (the default), or allow remote access " +
          "explicitly (chaincheck emulator --allow-remote; startEmulator({ allowRemote: true })), which " +
          "mints random access keys for every user",
      );
    },
  );

  test("chaincheck emulator --host 0.0.0.0 exits 2 naming --allow-remote, without listening", async () => {
    const result = await runCli(["emulator", "--host", "0.0.0.0", "--port", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("chaincheck: --host 0.0.0.0: not a loopback address.");
    expect(result.stderr).toContain("or add --allow-remote to listen there with random access keys");
    expect(result.stdout).toBe("");
  });
});

describe("an emulator allowed to listen beyond loopback", () => {
  test("refuses the setup's published keys and answers to keys minted for this run", async ({ start }) => {
    const { emu, endpoint } = await remote(start);
    const published = await failureOf(sts(endpoint, SEED_TESTER).send(new GetCallerIdentityCommand({})));
    expect(published.name).toBe("InvalidClientTokenId");
    expect(published.message).toBe("The security token included in the request is invalid.");
    expect(published.$metadata.httpStatusCode).toBe(403);

    const minted = emu.credentials("A:tester");
    expect(minted.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(minted.accessKeyId).not.toBe(SEED_TESTER.accessKeyId);
    expect(minted.secretAccessKey).not.toBe(SEED_TESTER.secretAccessKey);
    const me = await sts(endpoint, minted).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:iam::${A}:user/tester`);

    const other = await remote(start);
    expect(other.emu.credentials("A:tester").secretAccessKey).not.toBe(minted.secretAccessKey);
  });

  test.skipIf(lanAddress === undefined)(
    "answers AWS calls from the network but keeps its debug endpoints for loopback clients",
    async ({ start }) => {
      const { emu } = await remote(start);
      const lan = `http://${lanAddress}:${new URL(emu.endpoint).port}`;
      const me = await sts(lan, emu.credentials("A:tester")).send(new GetCallerIdentityCommand({}));
      expect(me.Account).toBe(A);
      const debug = await fetch(`${lan}/_chaincheck/decisions`);
      expect(debug.status).toBe(403);
      expect(await debug.json()).toEqual({
        error: "chaincheck debug endpoints answer loopback clients only",
      });
    },
  );

  test("does not run a function created over the wire, answering a 501 that names the option", async ({
    start,
  }) => {
    const { emu, endpoint } = await remote(start);
    const client = lambdaAt(endpoint, emu);
    await createFromTheWire(client);
    const refused = await failureOf(client.send(new InvokeCommand({ FunctionName: "from-the-wire" })));
    expect(refused.name).toBe("InternalFailure");
    expect(refused.message).toBe(WIRE_CODE_REFUSED("from-the-wire"));
    expect(refused.$metadata.httpStatusCode).toBe(501);

    const fromSetup = await client.send(new InvokeCommand({ FunctionName: "counter" }));
    expect(fromSetup.FunctionError).toBeUndefined();
    await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "counter",
        Environment: { Variables: { NODE_OPTIONS: "--import=data:text/javascript,0" } },
      }),
    );
    const changed = await failureOf(client.send(new InvokeCommand({ FunctionName: "counter" })));
    expect(changed.message).toBe(WIRE_CODE_REFUSED("counter"));
  });

  test("runs a function created over the wire when remote code is allowed", async ({ start }) => {
    const { emu, endpoint } = await remote(start, true);
    const client = lambdaAt(endpoint, emu);
    await createFromTheWire(client);
    const out = await client.send(new InvokeCommand({ FunctionName: "from-the-wire" }));
    expect(decodePayload(out.Payload)).toBe("ran");
  });
});
