/**
 * awsJson1_1 (Redshift Data, Secrets Manager, Redshift Serverless): POST / with
 * `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; JSON out as application/x-amz-json-1.1.
 * Errors: `{"__type":"Code","message":"…"}` plus the `x-amzn-ErrorType` header (the SDK reads the
 * header first). The installed clients all use AwsJson1_1Protocol (no CBOR, no query-compatible
 * mode), checked in node_modules/@aws-sdk/client-redshift-data etc.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 *
 * Known gaps: awsJson1_0 and Smithy RPCv2 CBOR are not served (no installed client sends them).
 */
import type { EmulatorRequest, WireResponse } from "../core/emulator-request.ts";
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import { parseJsonBody, toJsonText } from "./json-body.ts";
import type { DecodedCall, EncodeContext, OperationMatch, ProtocolCodec } from "./protocol-codec.ts";

const CONTENT_TYPE = "application/x-amz-json-1.1";

export const awsJsonCodec: ProtocolCodec = {
  protocol: "awsJson1_1",

  matchOperation(service: ServiceDefinition, request: EmulatorRequest): OperationMatch {
    const target = request.headers["x-amz-target"];
    if (!target)
      throw new AwsError("UnknownOperationException", "Missing X-Amz-Target header", { status: 400 });
    const dot = target.lastIndexOf(".");
    const prefix = target.slice(0, dot);
    const name = target.slice(dot + 1);
    const known = dot > 0 && prefix === service.targetPrefix && Object.hasOwn(service.operations, name);
    return { operation: known ? name : undefined, requested: name || target };
  },

  decode(_service: ServiceDefinition, operation: string, request: EmulatorRequest): DecodedCall {
    try {
      return { operation, input: parseJsonBody(request.body) };
    } catch (error) {
      throw new AwsError(
        "SerializationException",
        `Could not parse the request body as JSON: ${(error as Error).message}`,
        {
          status: 400,
        },
      );
    }
  },

  encodeResult(_ctx: EncodeContext, _operation: string, output: unknown): WireResponse {
    return { status: 200, headers: { "content-type": CONTENT_TYPE }, body: toJsonText(output ?? {}) };
  },

  encodeError(_ctx, error: AwsError): WireResponse {
    const code = error.codeFor("awsJson1_1");
    return {
      status: error.status,
      headers: { "content-type": CONTENT_TYPE, "x-amzn-ErrorType": code, ...error.headers },
      // An empty message means AWS sends no message member at all (KMS's InvalidCiphertextException).
      body: toJsonText({
        __type: code,
        ...(error.message ? { message: error.message } : {}),
        ...error.fields,
      }),
    };
  },
};
