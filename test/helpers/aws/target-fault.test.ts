import { describe, expect, test } from "vitest";
import { targetFaultOf, targetFaultText } from "../../../helpers/aws/call-recorder.ts";

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe("which call failures are the target's, not the setup's", () => {
  test("a 501, a 5xx, throttling, a dropped or refused connection and an unreadable answer are target faults", () => {
    expect([
      targetFaultOf({ name: "InternalFailure", ...meta(501) }, 501),
      targetFaultOf({ name: "ServiceUnavailable", $fault: "server", ...meta(503) }, 503),
      targetFaultOf({ name: "ThrottlingException", $fault: "client", ...meta(400) }, 400),
      targetFaultOf({ name: "Error", code: "ECONNRESET" }, undefined),
      targetFaultOf({ name: "Error", code: "ECONNREFUSED" }, undefined),
      targetFaultOf(
        {
          name: "TypeError",
          message: "Expected real number\n  Deserialization error: to see the raw response…",
          ...meta(200),
        },
        200,
      ),
    ]).toEqual(["gap", "server", "throttling", "connection", "connection", "malformed"]);
  });

  test("denials and other client errors are the setup's answer", () => {
    expect([
      targetFaultOf({ name: "AccessDenied", $fault: "client", ...meta(403) }, 403),
      targetFaultOf({ name: "ValidationException", $fault: "client", ...meta(400) }, 400),
      targetFaultOf({ name: "ClusterNotFound", $fault: "client", ...meta(404) }, 404),
    ]).toEqual([undefined, undefined, undefined]);
  });

  test("the text names the target, the operation and the retries", () => {
    const error = {
      service: "redshift-data",
      operation: "ExecuteStatement",
      code: "ServiceUnavailable",
      httpStatus: 503,
      message: "",
      targetFault: "server" as const,
    };
    expect(targetFaultText(error, 2)).toBe(
      "the target answered HTTP 503 (ServiceUnavailable) to redshift-data ExecuteStatement after 2 retries",
    );
  });
});
