/**
 * The request pipeline, as an ordered list of small steps (docs/architecture.md):
 *
 *   parse SigV4 → resolve service → authenticate (key, token, skew, signature, body read within the
 *   service's limit, expiry, aws-chunked)
 *   → match operation → decode input → authorize (operation's `authorize`) → dispatch (`handler`)
 *   → encode result, or encode the AwsError in the service's protocol.
 *
 * Anything that is not an AwsError is a bug in the emulator: logged with its stack and answered
 * as a 500 InternalFailure naming the service and operation.
 */
import { randomUUID } from "node:crypto";
import { codecFor } from "../../protocols/codec-for.ts";
import { toPathStyle } from "../../protocols/s3-routing.ts";
import type { EmulatorRequest, WireResponse } from "../emulator-request.ts";
import { AwsError, notImplemented } from "../errors.ts";
import type { ServiceDefinition, WorldPort } from "../types.ts";
import { missingAuthentication } from "./auth-errors.ts";
import { authenticate } from "./authenticate.ts";
import { UNAUTHENTICATED_BODY_LIMIT } from "./body-limits.ts";
import { type BodySource, bufferedBody } from "./body-source.ts";
import { buildOperationContext, runDeclaredAuthorization } from "./operation-context.ts";
import { parseSigV4, type SigV4Params } from "./parse-sigv4.ts";
import { guessProtocol, guessService, serviceBySigningName, unknownService } from "./resolve-service.ts";
import { authenticateSigV2, parseSigV2Query, type SigV2Query } from "./sigv2-query-auth.ts";

export interface PipelineOptions {
  world: WorldPort;
  services: readonly ServiceDefinition[];
  clock: () => Date;
  log: (line: string) => void;
}

/**
 * `body` supplies the request's body on demand (the server streams it); by default the body is
 * `received.rawBody`, already in memory.
 */
export async function handleRequest(
  options: PipelineOptions,
  received: EmulatorRequest,
  body: BodySource = bufferedBody(received.rawBody),
): Promise<WireResponse> {
  const requestId = randomUUID();
  const now = options.clock();
  let service: ServiceDefinition | undefined;
  let request = received;
  let operation: string | undefined;
  try {
    let sig: SigV4Params | undefined;
    let v2: SigV2Query | undefined;
    try {
      sig = parseSigV4(request);
      v2 = sig ? undefined : parseSigV2Query(request);
    } catch (error) {
      request = await withPeekedBody(request, body);
      service = guessService(options.services, request);
      throw error;
    }
    if (!sig && !v2) {
      request = await withPeekedBody(request, body);
      service = guessService(options.services, request);
      throw missingAuthentication(service?.protocol ?? guessProtocol(request));
    }
    // SigV2 query authentication is S3's only (sigv2-query-auth.ts).
    service = serviceBySigningName(options.services, sig?.service ?? "s3");
    if (!service) {
      request = await withPeekedBody(request, body);
      throw unknownService(sig?.service ?? "s3", options.services);
    }
    if (service.protocol === "restXml")
      request = { ...request, path: toPathStyle(request.headers.host, request.path) };

    const codec = codecFor(service.protocol);
    const named =
      service.protocol === "awsQuery" ? undefined : operationNamedByHeaders(codec, service, request);
    const authenticated = sig
      ? await authenticate(options.world, service, request, sig, now, body, named)
      : await authenticateSigV2(options.world, service, request, v2!, now, body, named);
    request = authenticated.request;

    const match = codec.matchOperation(service, request);
    if (!match.operation) throw notImplemented(service.signingName, match.requested);
    operation = match.operation;
    const definition = service.operations[operation]!;
    const { input } = codec.decode(service, operation, request);

    const ctx = buildOperationContext({
      world: options.world,
      caller: authenticated.caller,
      region: sig?.region ?? v2!.region,
      service,
      operation,
      input,
      requestId,
      now,
      request,
    });
    runDeclaredAuthorization(ctx, definition.authorize?.(ctx));
    const output = await definition.handler(ctx);
    options.log(`${requestId} ${service.signingName}:${operation} ${authenticated.caller.arn} → ok`);
    return withRequestId(
      codec.encodeResult({ service, request, requestId }, operation, output),
      requestId,
      now,
    );
  } catch (thrown) {
    const error = asAwsError(thrown, service, operation, options.log, requestId);
    const label = service ? `${service.signingName}:${operation ?? "?"}` : "?";
    options.log(`${requestId} ${label} → ${error.status} ${error.code}: ${error.message}`);
    const codec = codecFor(service?.protocol ?? guessProtocol(request));
    return withRequestId(codec.encodeError({ service, request, requestId }, error), requestId, now);
  }
}

/** For a request that will be refused unauthenticated: its body if small, else none (never read). */
async function withPeekedBody(request: EmulatorRequest, body: BodySource): Promise<EmulatorRequest> {
  const declared = body.declaredLength;
  if (declared === undefined || declared > UNAUTHENTICATED_BODY_LIMIT) return request;
  try {
    const peeked = await body.read(UNAUTHENTICATED_BODY_LIMIT, () => new AwsError("InternalFailure", ""));
    return { ...request, body: peeked, rawBody: peeked };
  } catch {
    return request;
  }
}

/** The operation a REST or JSON request names by its path or X-Amz-Target (no body needed). */
function operationNamedByHeaders(
  codec: ReturnType<typeof codecFor>,
  service: ServiceDefinition,
  request: EmulatorRequest,
): string | undefined {
  try {
    return codec.matchOperation(service, request).operation;
  } catch {
    return undefined;
  }
}

function asAwsError(
  thrown: unknown,
  service: ServiceDefinition | undefined,
  operation: string | undefined,
  log: (line: string) => void,
  requestId: string,
): AwsError {
  if (thrown instanceof AwsError) return thrown;
  const detail = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
  log(`${requestId} emulator bug: ${detail}`);
  const where = service ? `${service.signingName} ${operation ?? "(no operation)"}` : "request";
  return new AwsError("InternalFailure", `chaincheck emulator: internal error while handling ${where}`, {
    status: 500,
  });
}

/** Every response carries the request id the SDK reports as `$metadata.requestId` (S3's own
 *  `x-amz-request-id` where the codec set it, as S3 sends no `x-amzn-RequestId`). */
function withRequestId(response: WireResponse, requestId: string, now: Date): WireResponse {
  const id: Record<string, string> =
    "x-amz-request-id" in response.headers ? {} : { "x-amzn-RequestId": requestId };
  return { ...response, headers: { ...id, date: now.toUTCString(), ...response.headers } };
}
