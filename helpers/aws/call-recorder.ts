/**
 * Times each AWS call a link makes and keeps what the report needs (status, request id, how many
 * times the SDK retried it — `retries`, only when it did) — and, on failure, the AWS error in the
 * report's shape. Never records request or response bodies, so no secret (keys, session tokens, DB
 * passwords) can reach a report through here. Which faults are retried: helpers/aws/retry-policy.ts.
 * After a Ctrl-C no call goes out (helpers/chain/interrupt-cleanups.ts).
 */
import { assertRunGoesOn } from "../chain/interrupt-cleanups.ts";
import type { CallRecord, LinkError } from "../report/types.ts";

interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { statusCode?: number };
}

export class AwsCallError extends Error {
  constructor(readonly linkError: LinkError) {
    super(`${linkError.service} ${linkError.operation}: ${linkError.code}: ${linkError.message}`);
    this.name = "AwsCallError";
  }
}

/** `{ retries: n }` when the SDK made more than one attempt; nothing otherwise (docs/contracts.md's shape). */
function retries(attempts: number | undefined): { retries?: number } {
  return attempts && attempts > 1 ? { retries: attempts - 1 } : {};
}

export class CallRecorder {
  readonly calls: CallRecord[] = [];

  async call<T extends { $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number } }>(
    service: string,
    operation: string,
    send: () => Promise<T>,
  ): Promise<T> {
    assertRunGoesOn(service, operation);
    const started = performance.now();
    try {
      const output = await send();
      this.calls.push({
        service,
        operation,
        durationMs: Math.round(performance.now() - started),
        httpStatus: output.$metadata?.httpStatusCode,
        requestId: output.$metadata?.requestId,
        ...retries(output.$metadata?.attempts),
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
        ...retries(error.$metadata?.attempts),
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
