/**
 * restJson1 (Lambda): operations routed by method + path pattern (`/2015-03-31/functions/{FunctionName}`).
 * Input: path labels, then query parameters (by wire name), then the members of a JSON body.
 * Non-JSON bodies (Invoke's payload, sent as application/octet-stream) are left to the handler in
 * `ctx.http.body`; so are header-bound members (`X-Amz-Invocation-Type`, …) in `ctx.http.headers`.
 * Output: a plain object → JSON; a RestResult → its status, headers and body (Buffer/string raw).
 * Errors: `x-amzn-ErrorType: <Code>` and `{"Type":"User"|"Service","Message":"…"}`, the shape
 * Lambda answers with (its model's error members are `Type` and `Message`).
 * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html
 *
 * Known gaps: no schema-driven header/query binding or type coercion; query values are strings.
 */
import type { EmulatorRequest, WireResponse } from "../core/emulator-request.ts";
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import { parseJsonBody, toJsonText } from "./json-body.ts";
import type { DecodedCall, EncodeContext, ProtocolCodec } from "./protocol-codec.ts";
import { asRestResult } from "./rest-result.ts";
import { matchRestOperation, matchRoute, queryMembers } from "./rest-route.ts";

function isJson(request: EmulatorRequest): boolean {
  return /\bjson\b/.test(request.headers["content-type"] ?? "");
}

export const restJsonCodec: ProtocolCodec = {
  protocol: "restJson1",

  matchOperation: matchRestOperation,

  decode(service: ServiceDefinition, operation: string, request: EmulatorRequest): DecodedCall {
    const labels = matchRoute(service, request)?.labels ?? {};
    let body: Record<string, unknown> = {};
    if (isJson(request) && request.body.length > 0) {
      try {
        body = parseJsonBody(request.body);
      } catch (error) {
        throw new AwsError(
          "SerializationException",
          `Could not parse the request body as JSON: ${(error as Error).message}`,
          {
            status: 400,
          },
        );
      }
    }
    return { operation, input: { ...labels, ...queryMembers(request.query), ...body } };
  },

  encodeResult(ctx: EncodeContext, operation: string, output: unknown): WireResponse {
    const result = asRestResult(output);
    const status = result.status ?? ctx.service.operations[operation]?.http?.successCode ?? 200;
    const headers = { ...result.headers };
    let body: Buffer | string;
    if (Buffer.isBuffer(result.body) || typeof result.body === "string") {
      body = result.body;
      headers["content-type"] ??= "application/octet-stream";
    } else if (result.body === undefined) {
      body = "";
    } else {
      body = toJsonText(result.body);
      headers["content-type"] ??= "application/json";
    }
    return { status, headers, body };
  },

  encodeError(_ctx, error: AwsError): WireResponse {
    const code = error.codeFor("restJson1");
    return {
      status: error.status,
      headers: { "content-type": "application/json", "x-amzn-ErrorType": code, ...error.headers },
      body: toJsonText({
        Type: error.fault === "Sender" ? "User" : "Service",
        Message: error.message,
        ...error.fields,
      }),
    };
  },
};
