import { CreateFunctionCommand, InvokeCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failure } from "../../support/clients.ts";
import { A, REGION } from "../../support/constants.ts";
import { decodePayload, lambdaClient, startLambdaEmulator, zipWith } from "./lambda-test-world.ts";

let emu: RunningEmulator;
beforeAll(async () => {
  process.env.CHAINCHECK_PARENT_MARKER = "from-the-emulator-process";
  emu = await startLambdaEmulator();
});
afterAll(async () => {
  delete process.env.CHAINCHECK_PARENT_MARKER;
  await emu.stop();
});

const invoke = (input: ConstructorParameters<typeof InvokeCommand>[0]) =>
  lambdaClient(emu).send(new InvokeCommand(input));

const payload = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("Invoke of the probe handler (TypeScript, code: { probe: true })", () => {
  test("calls STS through the emulator as the execution role's session named after the function", async () => {
    const out = await invoke({ FunctionName: "chaincheck-probe", Payload: payload({ echo: "hi" }) });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe("$LATEST");
    expect(decodePayload(out.Payload)).toMatchObject({
      arn: `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`,
      account: A,
      echo: "hi",
      credentials: { accessKeyId: true, secretAccessKey: true, sessionToken: true },
    });
  });

  test("sets Lambda's runtime variables and the function's own, and nothing from the emulator's process", async () => {
    const out = await invoke({ FunctionName: "probe-with-env" });
    const result = decodePayload(out.Payload) as { arn: string; env: Record<string, string | undefined> };
    expect(result.arn).toBe(`arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/probe-with-env`);
    expect(result.env).toEqual({
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_LAMBDA_FUNCTION_NAME: "probe-with-env",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
      AWS_ENDPOINT_URL: emu.endpoint,
      STAGE: "test",
    });
  });
});

describe("Invoke outcomes", () => {
  test("a thrown error is a 200 with FunctionError Unhandled and Lambda's error payload", async () => {
    const out = await invoke({ FunctionName: "thrower" });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe("Unhandled");
    const error = decodePayload(out.Payload) as { errorType: string; errorMessage: string; trace: string[] };
    expect(error.errorType).toBe("TypeError");
    expect(error.errorMessage).toBe("boom");
    expect(error.trace[0]).toBe("TypeError: boom");
    expect(error.trace.length).toBeGreaterThan(1);
  });

  test("a thrown error's trace shows the code under /var/task and the runtime under /var/runtime, never host paths", async () => {
    const out = await invoke({ FunctionName: "thrower" });
    const { trace } = decodePayload(out.Payload) as { trace: string[] };
    expect(trace[1]).toMatch(/^ {4}at .*\(file:\/\/\/var\/task\/throws\.mjs:\d+:\d+\)$/);
    const frames = trace
      .slice(1)
      .filter((line) => !/\(node:|at node:|\(<anonymous>\)|at async Promise/.test(line));
    expect(frames.every((line) => /(\(|at )(file:\/\/)?\/var\/(task|runtime)\//.test(line))).toBe(true);
    expect(trace.join("\n")).not.toContain(process.cwd());
  });

  test("a handler that never returns times out as Sandbox.Timedout with Lambda's message", async () => {
    const out = await invoke({ FunctionName: "sleeper", LogType: "Tail" });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe("Unhandled");
    const requestId = out.$metadata.requestId!;
    const error = decodePayload(out.Payload) as { errorType: string; errorMessage: string };
    expect(error.errorType).toBe("Sandbox.Timedout");
    expect(error.errorMessage).toMatch(
      new RegExp(`^RequestId: ${requestId} Error: Task timed out after \\d+\\.\\d{2} seconds$`),
    );
    const logs = Buffer.from(out.LogResult!, "base64").toString("utf8");
    expect(logs).toMatch(new RegExp(`REPORT RequestId: ${requestId}\\t.*\\tStatus: timeout\\t`));
    expect(logs).toMatch(new RegExp(` ${requestId} Task timed out after \\d+\\.\\d{2} seconds\\n$`));
  });

  test("an export the module does not have is Runtime.HandlerNotFound", async () => {
    const out = await invoke({ FunctionName: "not-exported" });
    expect(out.FunctionError).toBe("Unhandled");
    expect(decodePayload(out.Payload)).toMatchObject({
      errorType: "Runtime.HandlerNotFound",
      errorMessage: "counter.missing is undefined or not exported",
    });
  });

  test("a warm environment is reused between invocations of the same revision", async () => {
    const first = decodePayload((await invoke({ FunctionName: "counter" })).Payload) as {
      invocations: number;
    };
    const second = decodePayload((await invoke({ FunctionName: "counter" })).Payload) as {
      invocations: number;
    };
    expect(second.invocations).toBe(first.invocations + 1);
  });

  test("LogType Tail returns the invocation's log in X-Amz-Log-Result", async () => {
    const out = await invoke({ FunctionName: "counter", LogType: "Tail", Payload: payload({ a: 1 }) });
    const requestId = out.$metadata.requestId!;
    const result = decodePayload(out.Payload) as {
      requestId: string;
      remainingPositive: boolean;
      event: unknown;
    };
    expect(result.requestId).toBe(requestId);
    expect(result.remainingPositive).toBe(true);
    expect(result.event).toEqual({ a: 1 });
    const lines = Buffer.from(out.LogResult!, "base64").toString("utf8").split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(`START RequestId: ${requestId} Version: $LATEST`);
    expect(lines[1]).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t${requestId}\\tINFO\\tinvocation \\d+ of counter$`),
    );
    expect(lines[2]).toBe(`END RequestId: ${requestId}`);
    expect(lines[3]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\t(Init Duration: [\\d.]+ ms\\t)?$`,
      ),
    );
  });

  test("Event invocations are accepted with 202 and DryRun with 204", async () => {
    const event = await invoke({ FunctionName: "counter", InvocationType: "Event" });
    expect(event.StatusCode).toBe(202);
    expect(event.$metadata.httpStatusCode).toBe(202);
    const dryRun = await invoke({ FunctionName: "counter", InvocationType: "DryRun" });
    expect(dryRun.StatusCode).toBe(204);
    expect(dryRun.$metadata.httpStatusCode).toBe(204);
  });

  test("an unknown function is a 404 naming its $LATEST ARN", async () => {
    expect(await failure(invoke({ FunctionName: "nope" }))).toEqual({
      name: "ResourceNotFoundException",
      message: `Function not found: arn:aws:lambda:${REGION}:${A}:function:nope:$LATEST`,
      status: 404,
    });
  });

  test("a qualifier other than $LATEST is a 404 naming the qualified ARN", async () => {
    expect(await failure(invoke({ FunctionName: "counter", Qualifier: "7" }))).toEqual({
      name: "ResourceNotFoundException",
      message: `Function not found: arn:aws:lambda:${REGION}:${A}:function:counter:7`,
      status: 404,
    });
  });

  test("a payload that is not JSON is refused with InvalidRequestContentException", async () => {
    const err = await failure(invoke({ FunctionName: "counter", Payload: Buffer.from("{not json") }));
    expect(err.name).toBe("InvalidRequestContentException");
    expect(err.message).toMatch(
      /^Could not parse request body into json: Could not parse payload into json: /,
    );
    expect(err.status).toBe(400);
  });

  test("a caller without lambda:InvokeFunction is denied with IAM's wording", async () => {
    const stsOnly = lambdaClient(emu, `arn:aws:iam::${A}:role/not-for-lambda`);
    expect(await failure(stsOnly.send(new InvokeCommand({ FunctionName: "counter" })))).toEqual({
      name: "AccessDeniedException",
      message:
        `User: arn:aws:sts::${A}:assumed-role/not-for-lambda/chaincheck is not authorized to perform: ` +
        `lambda:InvokeFunction on resource: arn:aws:lambda:${REGION}:${A}:function:counter ` +
        "because no identity-based policy allows the lambda:InvokeFunction action",
      status: 403,
    });
  });
});

describe("Invoke without a probe handler", () => {
  test("a probe function answers a clear 501 when startEmulator got no probeHandler", async () => {
    const bare = await startLambdaEmulator(null);
    try {
      expect(
        await failure(lambdaClient(bare).send(new InvokeCommand({ FunctionName: "chaincheck-probe" }))),
      ).toEqual({
        name: "InternalFailure",
        message:
          "chaincheck emulator: function chaincheck-probe runs the probe handler (code: { probe: true }), but the " +
          "emulator was started without one: pass startEmulator({ probeHandler: <path of the probe handler module> })",
        status: 501,
      });
    } finally {
      await bare.stop();
    }
  });
});

describe("Invoke of a package whose handler module is missing", () => {
  test("reports Runtime.ImportModuleError as the Node.js runtime does", async () => {
    await lambdaClient(emu).send(
      new CreateFunctionCommand({
        FunctionName: "missing-module",
        Role: `arn:aws:iam::${A}:role/chaincheck-lambda-role`,
        Runtime: "nodejs20.x",
        Handler: "app.handler",
        Code: { ZipFile: zipWith({ "index.mjs": "export const handler = async () => 1;" }) },
      }),
    );
    const out = await invoke({ FunctionName: "missing-module" });
    expect(out.FunctionError).toBe("Unhandled");
    expect(decodePayload(out.Payload)).toMatchObject({
      errorType: "Runtime.ImportModuleError",
      errorMessage: "Error: Cannot find module 'app'\nRequire stack:\n- /var/runtime/index.mjs",
    });
  });
});
