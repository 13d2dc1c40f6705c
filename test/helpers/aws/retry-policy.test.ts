import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { AwsCallError, CallRecorder } from "../../../helpers/aws/call-recorder.ts";
import {
  retrySettings,
  TransientOnlyRetryStrategy,
  transientKind,
} from "../../../helpers/aws/retry-policy.ts";

type Answer = { status: number; code?: string } | "reset";

const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/tester</Arn><UserId>AIDA</UserId><Account>111111111111</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

let server: Server;
let endpoint: string;
let script: Answer[] = [];
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      const answer = script.shift() ?? { status: 200 };
      if (answer === "reset") return req.socket.destroy();
      res.writeHead(answer.status, { "content-type": "text/xml", "x-amzn-requestid": `req-${requests}` });
      res.end(
        answer.status === 200
          ? IDENTITY
          : `<ErrorResponse><Error><Type>Sender</Type><Code>${answer.code}</Code><Message>${answer.code} says no</Message></Error><RequestId>req-${requests}</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = 0;
  script = [];
});

function sts(): STSClient {
  return new STSClient({
    region: "ap-northeast-1",
    endpoint,
    credentials: { accessKeyId: "AKIATEST", secretAccessKey: "secret-for-tests-only" },
    ...retrySettings({ baseDelayMs: 1, capMs: 5 }),
  });
}

async function call(recorder: CallRecorder) {
  return recorder.call("sts", "GetCallerIdentity", () => sts().send(new GetCallerIdentityCommand({})));
}

describe("retries of transient faults", () => {
  test("retries throttling twice and records retries: 2 on the call", async () => {
    script = [
      { status: 400, code: "Throttling" },
      { status: 400, code: "Throttling" },
    ];
    const recorder = new CallRecorder();
    await call(recorder);
    expect(requests).toBe(3);
    expect(recorder.calls).toEqual([
      {
        service: "sts",
        operation: "GetCallerIdentity",
        durationMs: expect.any(Number),
        httpStatus: 200,
        requestId: "req-3",
        retries: 2,
      },
    ]);
  });

  test("retries a 503 and a dropped connection", async () => {
    script = [{ status: 503, code: "ServiceUnavailable" }, "reset"];
    const recorder = new CallRecorder();
    await call(recorder);
    expect([requests, recorder.calls[0].retries]).toEqual([3, 2]);
  });

  test("gives up after three attempts and records the retries on the failed call", async () => {
    script = [
      { status: 500, code: "InternalFailure" },
      { status: 500, code: "InternalFailure" },
      { status: 500, code: "InternalFailure" },
    ];
    const recorder = new CallRecorder();
    const error = await call(recorder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).linkError).toMatchObject({ code: "InternalFailure", httpStatus: 500 });
    expect([requests, recorder.calls[0].retries]).toEqual([3, 2]);
  });

  test("never retries a denial", async () => {
    script = [{ status: 403, code: "AccessDenied" }];
    const recorder = new CallRecorder();
    const error = (await call(recorder).catch((e: unknown) => e)) as AwsCallError;
    expect(error.linkError).toEqual({
      service: "sts",
      operation: "GetCallerIdentity",
      code: "AccessDenied",
      httpStatus: 403,
      requestId: "req-1",
      message: "AccessDenied says no",
    });
    expect(requests).toBe(1);
    expect(recorder.calls[0]).not.toHaveProperty("retries");
  });

  test("never retries a target gap (501) or a client error", async () => {
    script = [{ status: 501, code: "InternalFailure" }];
    await call(new CallRecorder()).catch(() => undefined);
    expect(requests).toBe(1);
    requests = 0;
    script = [{ status: 400, code: "ValidationError" }];
    await call(new CallRecorder()).catch(() => undefined);
    expect(requests).toBe(1);
  });
});

describe("the retry policy", () => {
  test("classifies faults", () => {
    const http = (status: number, name = "X") => ({ name, $metadata: { httpStatusCode: status } });
    expect([
      transientKind(http(429)),
      transientKind(http(400, "ThrottlingException"), "THROTTLING"),
      transientKind(http(502)),
      transientKind(http(501)),
      transientKind(http(503, "AccessDeniedException")),
      transientKind(http(403, "AccessDenied")),
      transientKind({ code: "ECONNRESET" }),
      transientKind({ code: "ECONNREFUSED" }),
      transientKind({ name: "TimeoutError" }),
    ]).toEqual([
      "throttling",
      "throttling",
      "server",
      undefined,
      undefined,
      undefined,
      "connection",
      undefined,
      "connection",
    ]);
  });

  test("backs off exponentially with jitter, bounded by the cap; throttling starts higher", async () => {
    const strategy = new TransientOnlyRetryStrategy({
      maxAttempts: 6,
      baseDelayMs: 100,
      capMs: 2000,
      random: () => 1,
    });
    const server = {
      errorType: "SERVER_ERROR" as const,
      error: { $metadata: { httpStatusCode: 500 } } as never,
    };
    const delays: number[] = [];
    let token = await strategy.acquireInitialRetryToken();
    for (let i = 0; i < 5; i++) {
      token = await strategy.refreshRetryTokenForRetry(token, server);
      delays.push(token.getRetryDelay());
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600]);
    await expect(strategy.refreshRetryTokenForRetry(token, server)).rejects.toThrow("no retry");
    const throttled = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), {
      errorType: "THROTTLING",
      error: { name: "Throttling", $metadata: { httpStatusCode: 400 } } as never,
    });
    expect(throttled.getRetryDelay()).toBe(400);
  });
});
