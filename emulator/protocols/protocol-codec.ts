/**
 * One codec per wire protocol, shared by every service that speaks it (LocalStack's layout):
 * decode a request into (operation, input), encode an output or an AwsError.
 */
import type { EmulatorRequest, WireResponse } from "../core/emulator-request.ts";
import type { AwsError } from "../core/errors.ts";
import type { Protocol, ServiceDefinition } from "../core/types.ts";

export interface OperationMatch {
  /** The operation of this service the request names; undefined when the service has no such operation. */
  operation?: string;
  /** What the request asked for, for the "not implemented" message (an Action, a target, "GET /path"). */
  requested: string;
}

export interface DecodedCall {
  operation: string;
  input: Record<string, unknown>;
}

export interface EncodeContext {
  service: ServiceDefinition;
  request: EmulatorRequest;
  requestId: string;
}

export interface ProtocolCodec {
  readonly protocol: Protocol;
  /** Which operation the request names. */
  matchOperation(service: ServiceDefinition, request: EmulatorRequest): OperationMatch;
  /** Decode the input of a known operation. Throws AwsError on malformed input. */
  decode(service: ServiceDefinition, operation: string, request: EmulatorRequest): DecodedCall;
  encodeResult(ctx: EncodeContext, operation: string, output: unknown): WireResponse;
  /** `service` is undefined when the error happened before the service was known (then defaults apply). */
  encodeError(
    ctx: Omit<EncodeContext, "service"> & { service?: ServiceDefinition },
    error: AwsError,
  ): WireResponse;
}
