/**
 * awsQuery (STS, IAM, Redshift): form-encoded `Action=…&Version=…` in (POST body, or the query
 * string of a GET, which IAM and STS accept), XML out.
 *
 * Response: `<OpResponse xmlns=ns><OpResult>…</OpResult><ResponseMetadata><RequestId/></…></OpResponse>`.
 * The SDK reads members from inside `<OpResult>`; any other wrapper parses to `{}` without an error
 * (docs/architecture.md, wire traps), so the names here are load-bearing.
 * Errors: `<ErrorResponse xmlns=ns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
 * https://docs.aws.amazon.com/AWSSimpleQueryService/latest/SQSDeveloperGuide/sqs-api-responses.html
 *
 * Known gaps: schema-less input (all scalars are strings); no awsQuery-compatible JSON mode (none of
 * the installed clients uses it: client-sts/iam/redshift use AwsQueryProtocol).
 */
import type { EmulatorRequest, WireResponse } from "../core/emulator-request.ts";
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { DecodedCall, EncodeContext, OperationMatch, ProtocolCodec } from "./protocol-codec.ts";
import { decodeQueryParams } from "./query-params-decoder.ts";
import { escapeXml, writeXmlMembers, type XmlWriteOptions } from "./xml-writer.ts";

const XML_OPTIONS: XmlWriteOptions = { lists: "wrapped", dateMillis: false };
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The form text the parameters come from: the body of a form POST naming an Action, else the query. */
function formText(request: EmulatorRequest): string {
  const type = request.headers["content-type"] ?? "";
  if (request.method === "POST" && (type.startsWith("application/x-www-form-urlencoded") || type === "")) {
    const text = request.body.toString("utf8");
    if (new URLSearchParams(text).has("Action")) return text;
  }
  return request.rawQuery;
}

/** Form parameters of the request: the body for a form POST, else the query string. */
export function queryParams(request: EmulatorRequest): URLSearchParams {
  return new URLSearchParams(formText(request));
}

/** A `%` not followed by two hex digits (URLSearchParams would keep it as text). Linear scan. */
function malformedEscape(text: string): boolean {
  const hex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
  for (let i = text.indexOf("%"); i >= 0; i = text.indexOf("%", i + 1)) {
    if (!hex(text.charCodeAt(i + 1)) || !hex(text.charCodeAt(i + 2))) return true;
  }
  return false;
}

/**
 * AWS's common error for a query it cannot parse (400; its `MalformedQueryString` is a 404).
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 */
function invalidQueryParameter(): AwsError {
  return new AwsError(
    "InvalidQueryParameter",
    "The AWS query string is malformed or does not adhere to AWS standards.",
    { status: 400 },
  );
}

export const awsQueryCodec: ProtocolCodec = {
  protocol: "awsQuery",

  matchOperation(service: ServiceDefinition, request: EmulatorRequest): OperationMatch {
    const text = formText(request);
    if (malformedEscape(text)) throw invalidQueryParameter();
    const action = new URLSearchParams(text).get("Action");
    if (!action) throw new AwsError("MissingAction", "Missing Action", { status: 400 });
    return { operation: Object.hasOwn(service.operations, action) ? action : undefined, requested: action };
  },

  decode(_service: ServiceDefinition, operation: string, request: EmulatorRequest): DecodedCall {
    return { operation, input: decodeQueryParams(queryParams(request), ["Action", "Version"]) };
  },

  encodeResult(ctx: EncodeContext, operation: string, output: unknown): WireResponse {
    const ns = ctx.service.xmlNamespace ? ` xmlns="${escapeXml(ctx.service.xmlNamespace)}"` : "";
    const result =
      output && typeof output === "object" && Object.keys(output).length > 0
        ? `<${operation}Result>${writeXmlMembers(output as Record<string, unknown>, XML_OPTIONS)}</${operation}Result>`
        : "";
    const body =
      `${XML_DECL}<${operation}Response${ns}>${result}` +
      `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata></${operation}Response>`;
    return { status: 200, headers: { "content-type": "text/xml" }, body };
  },

  encodeError(ctx, error: AwsError): WireResponse {
    const namespace = ctx.service?.xmlNamespace;
    const ns = namespace ? ` xmlns="${escapeXml(namespace)}"` : "";
    const extra = writeXmlMembers(error.fields, XML_OPTIONS);
    const body =
      `${XML_DECL}<ErrorResponse${ns}><Error><Type>${error.fault}</Type>` +
      `<Code>${escapeXml(error.codeFor("awsQuery"))}</Code><Message>${escapeXml(error.message)}</Message>${extra}</Error>` +
      `<RequestId>${ctx.requestId}</RequestId></ErrorResponse>`;
    return { status: error.status, headers: { "content-type": "text/xml", ...error.headers }, body };
  },
};
