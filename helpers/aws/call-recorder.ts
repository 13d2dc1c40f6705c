/**
 * Times each AWS call a link makes and keeps what the report needs (status, request id) — and, on
 * failure, the AWS error in the report's shape. Never records request or response bodies, so no
 * secret (keys, session tokens, DB passwords) can reach a report through here.
 */
import type { CallRecord, LinkError } from "../report/types.ts";

interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number };
}

export class AwsCallError extends Error {
  constructor(readonly linkError: LinkError) {
    super(`${linkError.service} ${linkError.operation}: ${linkError.code}: ${linkError.message}`);
    this.name = "AwsCallError";
  }
}

export class CallRecorder {
  readonly calls: CallRecord[] = [];

  async call<T extends { $metadata?: { httpStatusCode?: number; requestId?: string } }>(
    service: string,
    operation: string,
    send: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    try {
      const output = await send();
      this.calls.push({
        service,
        operation,
        durationMs: Math.round(performance.now() - started),
        httpStatus: output.$metadata?.httpStatusCode,
        requestId: output.$metadata?.requestId,
      });
      return output;
    } catch (raw) {
      const error = raw as SdkErrorLike;
      const record: CallRecord = {
        service,
        operation,
        durationMs: Math.round(performance.now() - started),
        httpStatus: error.$metadata?.httpStatusCode ?? error.$response?.statusCode,
        requestId: error.$metadata?.requestId,
      };
      this.calls.push(record);
      throw new AwsCallError({
        service,
        operation,
        code: error.name ?? error.Code ?? "Error",
        httpStatus: record.httpStatus,
        requestId: record.requestId,
        message: error.message ?? String(raw),
      });
    }
  }
}

/** True when the target answered "not implemented" (our emulator's 501, LocalStack's 501 InternalFailure). */
export function isTargetGap(error: unknown): boolean {
  return error instanceof AwsCallError && error.linkError.httpStatus === 501;
}
