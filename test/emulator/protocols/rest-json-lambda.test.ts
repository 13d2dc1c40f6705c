import {
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, test } from "vitest";
import { failureOf } from "../core/sdk-clients.ts";
import { fileTestEmulator } from "../core/start-test-emulator.ts";
import { lambdaTestService } from "./test-services.ts";

const emu = fileTestEmulator([lambdaTestService]);

const client = () => emu.client(LambdaClient, "us-east-1");

describe("restJson1 through the real Lambda client", () => {
  test("GetFunction routes the path label and query, and decodes nested JSON", async () => {
    const out = await client().send(new GetFunctionCommand({ FunctionName: "probe", Qualifier: "7" }));
    expect(out.Configuration?.FunctionName).toBe("probe");
    expect(out.Configuration?.FunctionArn).toBe("arn:aws:lambda:us-east-1:111111111111:function:probe");
    expect(out.Configuration?.Role).toBe("arn:aws:iam::111111111111:role/L");
    expect(out.Configuration?.Timeout).toBe(30);
    expect(out.Configuration?.Version).toBe("7");
    expect(out.Tags).toEqual({ team: "data" });
  });

  test("Invoke passes the raw payload and headers through and returns a raw payload", async () => {
    const out = await client().send(
      new InvokeCommand({
        FunctionName: "probe",
        Payload: Buffer.from(JSON.stringify({ link: "assume-role" })),
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe("$LATEST");
    expect(JSON.parse(Buffer.from(out.Payload!).toString("utf8"))).toEqual({
      echo: { link: "assume-role" },
      type: null,
    });
  });

  test("a 404 error carries x-amzn-ErrorType, Type and Message", async () => {
    const err = await failureOf(client().send(new GetFunctionCommand({ FunctionName: "missing" })));
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.message).toBe("Function not found: arn:aws:lambda:us-east-1:111111111111:function:missing");
    expect(err.Type).toBe("User");
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  test("an unrouted operation answers 501 naming the method and path", async () => {
    const err = await failureOf(client().send(new ListFunctionsCommand({})));
    expect(err.name).toBe("InternalFailure");
    expect(err.message).toBe("chaincheck emulator: lambda GET /2015-03-31/functions is not implemented");
    expect(err.$metadata.httpStatusCode).toBe(501);
  });
});
