import {
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failure } from "../../support/clients.ts";
import { A, LAMBDA_ROLE_ARN, REGION } from "../../support/constants.ts";
import {
  decodePayload,
  ECHO_HANDLER,
  lambdaClient,
  NOT_FOR_LAMBDA_ROLE_ARN,
  OTHER_SOURCE_ROLE_ARN,
  startLambdaEmulator,
  zipWith,
} from "./lambda-test-world.ts";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startLambdaEmulator();
});
afterAll(() => emu.stop());

const arnOf = (name: string) => `arn:aws:lambda:${REGION}:${A}:function:${name}`;

const createInput = (
  name: string,
  extra: Partial<CreateFunctionCommandInput> = {},
): CreateFunctionCommandInput => ({
  FunctionName: name,
  Role: LAMBDA_ROLE_ARN,
  Runtime: "nodejs20.x",
  Handler: "index.handler",
  Code: { ZipFile: zipWith({ "index.mjs": ECHO_HANDLER }) },
  ...extra,
});

const create = (name: string, extra: Partial<CreateFunctionCommandInput> = {}, principal?: string) =>
  lambdaClient(emu, principal).send(new CreateFunctionCommand(createInput(name, extra)));

describe("CreateFunction", () => {
  test("creates a function from a zip and reports it Pending, then Active with Lambda's configuration shape", async () => {
    const created = await create("zip-echo", {
      Timeout: 10,
      MemorySize: 256,
      Description: "echo",
      Environment: { Variables: { GREETING: "hello" } },
      Tags: { team: "data" },
    });
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.State).toBe("Pending");
    expect(created.StateReasonCode).toBe("Creating");

    const config = await lambdaClient(emu).send(
      new GetFunctionConfigurationCommand({ FunctionName: "zip-echo" }),
    );
    expect(config).toMatchObject({
      FunctionName: "zip-echo",
      FunctionArn: arnOf("zip-echo"),
      Role: LAMBDA_ROLE_ARN,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Timeout: 10,
      MemorySize: 256,
      Description: "echo",
      Version: "$LATEST",
      State: "Active",
      LastUpdateStatus: "Successful",
      PackageType: "Zip",
      Architectures: ["x86_64"],
      Environment: { Variables: { GREETING: "hello" } },
      TracingConfig: { Mode: "PassThrough" },
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: "Text", LogGroup: "/aws/lambda/zip-echo" },
    });
    expect(config.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(config.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(config.CodeSize).toBeGreaterThan(0);
    expect(config.RevisionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("runs the extracted package with the function's environment", async () => {
    const out = await lambdaClient(emu).send(
      new InvokeCommand({ FunctionName: "zip-echo", Payload: Buffer.from('{"n":1}') }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(decodePayload(out.Payload)).toEqual({
      event: { n: 1 },
      functionName: "zip-echo",
      greeting: "hello",
    });
  });

  test.for<[string, () => Promise<unknown>, object]>([
    [
      "refuses a role whose trust policy does not allow lambda.amazonaws.com",
      () => create("untrusted", { Role: NOT_FOR_LAMBDA_ROLE_ARN }),
      {
        name: "InvalidParameterValueException",
        message: "The role defined for the function cannot be assumed by Lambda.",
        status: 400,
      },
    ],
    [
      "refuses a role that trusts Lambda only for another source account",
      () => create("other-source", { Role: OTHER_SOURCE_ROLE_ARN }),
      {
        name: "InvalidParameterValueException",
        message: "The role defined for the function cannot be assumed by Lambda.",
        status: 400,
      },
    ],
    [
      "refuses a role that does not exist as one Lambda cannot assume",
      () => create("no-role", { Role: `arn:aws:iam::${A}:role/missing` }),
      {
        name: "InvalidParameterValueException",
        message: "The role defined for the function cannot be assumed by Lambda.",
        status: 400,
      },
    ],
    [
      "requires iam:PassRole on the execution role for the caller",
      () => create("passrole", {}, "A:deployer"),
      {
        name: "AccessDeniedException",
        message:
          `User: arn:aws:iam::${A}:user/deployer is not authorized to perform: iam:PassRole on resource: ` +
          `${LAMBDA_ROLE_ARN} because no identity-based policy allows the iam:PassRole action`,
        status: 403,
      },
    ],
    [
      "answers 409 for a name that already exists",
      () => create("counter"),
      {
        name: "ResourceConflictException",
        message: "Function already exist: counter",
        status: 409,
      },
    ],
    [
      "refuses a deprecated runtime with Lambda's text",
      () => create("old-node", { Runtime: "nodejs14.x" }),
      {
        name: "InvalidParameterValueException",
        message:
          "The runtime parameter of nodejs14.x is no longer supported for creating or updating AWS Lambda functions. " +
          "We recommend you use a supported runtime while creating or updating functions.",
        status: 400,
      },
    ],
    [
      "requires a handler for a zip package",
      () => create("no-handler", { Handler: undefined }),
      {
        name: "InvalidParameterValueException",
        message:
          "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
        status: 400,
      },
    ],
    [
      "refuses a handler with whitespace as a constraint violation",
      () => create("spaced", { Handler: "index handler" }),
      {
        name: "ValidationException",
        message:
          "1 validation error detected: Value 'index handler' at 'handler' failed to satisfy constraint: " +
          "Member must satisfy regular expression pattern: [^\\s]+",
        status: 400,
      },
    ],
    [
      "refuses environment variables Lambda reserves",
      () => create("reserved", { Environment: { Variables: { AWS_REGION: "x", OK: "1" } } }),
      {
        name: "InvalidParameterValueException",
        message:
          "Lambda was unable to configure your environment variables because the environment variables you have " +
          "provided contains reserved keys that are currently not supported for modification. " +
          "Reserved keys used in this request: AWS_REGION",
        status: 400,
      },
    ],
    [
      "refuses a package that is not a zip",
      () => create("not-zip", { Code: { ZipFile: Buffer.from("plain text") } }),
      {
        name: "InvalidParameterValueException",
        message: "Could not unzip uploaded file. Please check your file, then try to upload again.",
        status: 400,
      },
    ],
  ])("%s", async ([, call, error]) => {
    expect(await failure(call())).toEqual(error);
  });
});

describe("reading, listing, updating and deleting functions", () => {
  test("GetFunction returns the configuration, a code location and the tags", async () => {
    const out = await lambdaClient(emu).send(new GetFunctionCommand({ FunctionName: arnOf("zip-echo") }));
    expect(out.Configuration?.FunctionArn).toBe(arnOf("zip-echo"));
    expect(out.Code?.RepositoryType).toBe("S3");
    expect(out.Tags).toEqual({ team: "data" });
  });

  test("GetFunction of an unknown function is a 404 naming its ARN", async () => {
    expect(await failure(lambdaClient(emu).send(new GetFunctionCommand({ FunctionName: "nope" })))).toEqual({
      name: "ResourceNotFoundException",
      message: `Function not found: ${arnOf("nope")}`,
      status: 404,
    });
  });

  test("the seeded probe function runs as the setup's execution role", async () => {
    const config = await lambdaClient(emu).send(
      new GetFunctionConfigurationCommand({ FunctionName: "chaincheck-probe" }),
    );
    expect(config.Role).toBe(LAMBDA_ROLE_ARN);
    expect(config.Timeout).toBe(60);
    expect(config.State).toBe("Active");
  });

  test("ListFunctions pages through the account's functions with Marker and NextMarker", async () => {
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await lambdaClient(emu).send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      expect(page.Functions?.length).toBeLessThanOrEqual(2);
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
      marker = page.NextMarker;
      pages += 1;
    } while (marker);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(
      expect.arrayContaining(["chaincheck-probe", "counter", "sleeper", "thrower", "zip-echo"]),
    );
    expect(pages).toBe(Math.ceil(names.length / 2));
  });

  test("UpdateFunctionConfiguration changes settings and reports the update in progress", async () => {
    await create("to-update");
    const out = await lambdaClient(emu).send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "to-update",
        Timeout: 5,
        Environment: { Variables: { GREETING: "updated" } },
      }),
    );
    expect(out.LastUpdateStatus).toBe("InProgress");
    expect(out.Timeout).toBe(5);
    const invoked = await lambdaClient(emu).send(new InvokeCommand({ FunctionName: "to-update" }));
    expect(decodePayload(invoked.Payload)).toMatchObject({ greeting: "updated" });
  });

  test("UpdateFunctionConfiguration re-validates a new role's trust", async () => {
    expect(
      await failure(
        lambdaClient(emu).send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: "to-update",
            Role: NOT_FOR_LAMBDA_ROLE_ARN,
          }),
        ),
      ),
    ).toEqual({
      name: "InvalidParameterValueException",
      message: "The role defined for the function cannot be assumed by Lambda.",
      status: 400,
    });
  });

  test("UpdateFunctionCode replaces the package the next invocation runs", async () => {
    await lambdaClient(emu).send(new InvokeCommand({ FunctionName: "to-update" }));
    const out = await lambdaClient(emu).send(
      new UpdateFunctionCodeCommand({
        FunctionName: "to-update",
        ZipFile: zipWith({ "index.mjs": 'export const handler = async () => "v2";' }),
      }),
    );
    expect(out.LastUpdateStatus).toBe("InProgress");
    const invoked = await lambdaClient(emu).send(new InvokeCommand({ FunctionName: "to-update" }));
    expect(decodePayload(invoked.Payload)).toBe("v2");
  });

  test("an update with a stale RevisionId is refused with 412", async () => {
    expect(
      await failure(
        lambdaClient(emu).send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: "to-update",
            Timeout: 7,
            RevisionId: "stale",
          }),
        ),
      ),
    ).toEqual({
      name: "PreconditionFailedException",
      message:
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      status: 412,
    });
  });

  test("DeleteFunction answers 204 and the function is gone", async () => {
    const out = await lambdaClient(emu).send(new DeleteFunctionCommand({ FunctionName: "to-update" }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(
      await failure(lambdaClient(emu).send(new GetFunctionCommand({ FunctionName: "to-update" }))),
    ).toEqual({
      name: "ResourceNotFoundException",
      message: `Function not found: ${arnOf("to-update")}`,
      status: 404,
    });
  });
});
