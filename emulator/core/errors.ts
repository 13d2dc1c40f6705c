/**
 * Typed AWS errors. Handlers throw; only the protocol layer turns an error into a wire response.
 * A code can differ per protocol (STS's `ExpiredToken` vs the JSON services' `ExpiredTokenException`).
 */
import type { Protocol } from "./types.ts";

export interface AwsErrorOptions {
  /** HTTP status, default 400. */
  status?: number;
  /** "Sender" (client fault, default) or "Receiver" (server fault). */
  fault?: "Sender" | "Receiver";
  /** Per-protocol overrides of the error code. */
  codeByProtocol?: Partial<Record<Protocol, string>>;
  /** Extra members serialized next to Code/Message (e.g. ResourceId, BucketName). */
  fields?: Record<string, string | number | boolean>;
  /** Extra response headers (e.g. x-amz-bucket-region on a 301). */
  headers?: Record<string, string>;
  /** restXml HEAD responses have no body. */
  noBody?: boolean;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: "Sender" | "Receiver";
  readonly codeByProtocol: Partial<Record<Protocol, string>>;
  readonly fields: Record<string, string | number | boolean>;
  readonly headers: Record<string, string>;
  readonly noBody: boolean;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status ?? 400;
    this.fault = options.fault ?? (this.status >= 500 ? "Receiver" : "Sender");
    this.codeByProtocol = options.codeByProtocol ?? {};
    this.fields = options.fields ?? {};
    this.headers = options.headers ?? {};
    this.noBody = options.noBody ?? false;
  }

  codeFor(protocol: Protocol): string {
    return this.codeByProtocol[protocol] ?? this.code;
  }
}

/** Uniform "not implemented" error naming the service and operation (moto-style coverage gaps). */
export function notImplemented(service: string, operation: string): AwsError {
  return new AwsError("InternalFailure", `chaincheck emulator: ${service} ${operation} is not implemented`, {
    status: 501,
  });
}
