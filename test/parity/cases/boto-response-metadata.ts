/**
 * The `ResponseMetadata` boto3 builds from an answer's headers, for recorded tests that kept it:
 * every header by its lower-case name (hop-by-hop ones left out: they belong to the connection),
 * `HostId` and `RequestId` from S3's id headers, no retries, and the `ChecksumAlgorithm` botocore
 * notes when it validated a checksum header; volatile values replaced as the recording's
 * transformers did (`last-modified`, `server`, `id-2`, `request-id`, `host-id`).
 */
import type { MiddlewareStack } from "@smithy/types";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);
const PLACEHOLDERS: Record<string, string> = {
  "last-modified": "last-modified",
  server: "server",
  "x-amz-id-2": "id-2",
  "x-amz-request-id": "request-id",
};

export interface CapturedAnswer {
  status?: number;
  headers: Record<string, string>;
}

export function captureHeaders<I extends object, O extends object>(command: {
  middlewareStack: MiddlewareStack<I, O>;
}): CapturedAnswer {
  const captured: CapturedAnswer = { headers: {} };
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { statusCode?: number; headers?: Record<string, string> };
      captured.status = response.statusCode;
      for (const [name, value] of Object.entries(response.headers ?? {}))
        captured.headers[name.toLowerCase()] = value;
      return result;
    },
    { step: "deserialize" },
  );
  return captured;
}

/** `validates`: the operation is one botocore checks response checksums of (GetObject). */
export function botoResponseMetadata(answer: CapturedAnswer, validates = false): Record<string, unknown> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!HOP_BY_HOP.has(name)) headers[name] = PLACEHOLDERS[name] ?? value;
  }
  const checksum = Object.keys(answer.headers).find((h) => /^x-amz-checksum-(?!type)/.test(h));
  return {
    ...(validates && checksum ? { ChecksumAlgorithm: checksum.slice("x-amz-checksum-".length) } : {}),
    HTTPHeaders: headers,
    HTTPStatusCode: answer.status,
    HostId: "host-id",
    RequestId: "request-id",
    RetryAttempts: 0,
  };
}
