/**
 * Times each AWS call a link makes and keeps what the report needs (status, request id, how many
 * times the SDK retried it — `retries`, only when it did) — and, on failure, the AWS error in the
 * report's shape. Never records request or response bodies, so no secret (keys, session tokens, DB
 * passwords) can reach a report through here. Which faults are retried: helpers/aws/retry-policy.ts.
 * After a Ctrl-C no call goes out (helpers/chain/interrupt-cleanups.ts).
 */
import { assertRunGoesOn } from "../chain/interrupt-cleanups.ts";
import type { CallRecord, LinkError, TargetFault } from "../report/types.ts";
import { transientKind } from "./retry-policy.ts";

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $fault?: "client" | "server";
  Code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { statusCode?: number };
}

export class AwsCallError extends Error {
  constructor(
    readonly linkError: LinkError,
    /** Retries the policy made before giving up (transient faults only). */
    readonly retries = 0,
  ) {
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
      const fault = targetFaultOf(raw, record.httpStatus);
      throw new AwsCallError(
        {
          service,
          operation,
          code: error.name ?? error.Code ?? "Error",
          httpStatus: record.httpStatus,
          requestId: record.requestId,
          message: error.message ?? String(raw),
          ...(fault ? { targetFault: fault } : {}),
        },
        record.retries ?? 0,
      );
    }
  }
}

const REFUSED = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"];

/**
 * Whether an SDK error is the target's fault rather than the setup's answer: a 501, any 5xx or
 * throttling (already retried by the policy), a dropped or refused connection, or an answer the SDK
 * could not deserialize (no `$fault`: it never became a modelled AWS error).
 */
export function targetFaultOf(raw: unknown, httpStatus: number | undefined): TargetFault | undefined {
  const e = (raw ?? {}) as SdkErrorLike & { cause?: { code?: string } };
  if (httpStatus === 501) return "gap";
  // A 5xx whose body is not AWS's error shape is still a 5xx: the status decides first.
  const kind = transientKind(raw);
  if (kind === "throttling" || kind === "server" || kind === "connection") return kind;
  if (/Deserialization error/.test(e.message ?? "") && e.$fault === undefined) return "malformed";
  if (REFUSED.includes(e.code ?? "") || REFUSED.includes(e.cause?.code ?? "")) return "connection";
  if (/^Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(e.name ?? "")) return "throttling";
  return undefined;
}

/** "the target answered HTTP 503 (ServiceUnavailable) to redshift-data ExecuteStatement after 2 retries" */
export function targetFaultText(e: LinkError, retries = 0): string {
  const op = `${e.service} ${e.operation}`;
  const after = retries > 0 ? ` after ${retries} ${retries === 1 ? "retry" : "retries"}` : "";
  switch (e.targetFault) {
    case "gap":
      return `the target cannot check this: ${op} is not implemented there`;
    case "malformed":
      return `the target answered ${op} with a body the AWS SDK cannot read (${e.code}: ${e.message.split("\n")[0]})`;
    case "throttling":
      return `the target kept throttling ${op}${after} (${e.code})`;
    case "connection":
      return `the target dropped or refused the connection for ${op}${after} (${e.code})`;
    default:
      return `the target answered HTTP ${e.httpStatus ?? "5xx"} (${e.code}) to ${op}${after}`;
  }
}

/** True when the target answered "not implemented" (our emulator's 501, LocalStack's 501 InternalFailure). */
export function isTargetGap(error: unknown): boolean {
  if (error instanceof AwsCallError && error.linkError.targetFault === "gap") return true;
  return error instanceof AwsCallError && error.linkError.httpStatus === 501;
}
