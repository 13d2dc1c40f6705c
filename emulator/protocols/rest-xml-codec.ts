/**
 * restXml (S3): routed by method + path pattern on the path-style path (virtual-hosted requests are
 * rewritten first, see s3-routing.ts), with the SDK's `x-id` query hint breaking ties.
 * Input: path labels (`Bucket`, `Key`), then query parameters by wire name; the raw body and the
 * headers are in `ctx.http` (PutObject bodies arrive already aws-chunked-decoded).
 * Output: a RestResult (status, headers, raw or XML body), or a plain object with exactly one key,
 * the root element: `{ ListBucketResult: {…} }`. Lists are flattened (S3's `Contents`), use
 * `xmlList` for wrapped ones (`<Buckets><Bucket>`). Dates carry milliseconds, as S3 sends.
 * Errors: `<Error><Code/><Message/>…fields…<RequestId/><HostId/></Error>`; HEAD errors have no body.
 * Every response carries `x-amz-request-id`, `x-amz-id-2` and `server: AmazonS3`, as S3's do (and
 * not the `x-amzn-RequestId` of the other protocols).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 *
 * Known gaps: no schema-driven header binding (handlers read and set headers themselves).
 */
import { randomBytes } from "node:crypto";
import type { EmulatorRequest, WireResponse } from "../core/emulator-request.ts";
import type { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { DecodedCall, EncodeContext, ProtocolCodec } from "./protocol-codec.ts";
import { asRestResult } from "./rest-result.ts";
import { matchRestOperation, matchRoute, queryMembers } from "./rest-route.ts";
import { escapeXml, writeXmlElement, writeXmlMembers, type XmlWriteOptions } from "./xml-writer.ts";

const XML_OPTIONS: XmlWriteOptions = { lists: "flattened", dateMillis: true };
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

function s3Ids(requestId: string): Record<string, string> {
  return {
    "x-amz-request-id": requestId,
    "x-amz-id-2": randomBytes(48).toString("base64"),
    server: "AmazonS3",
  };
}

/** `{ Root: {...} }` → `<Root xmlns=ns>…</Root>`. */
function rootDocument(value: Record<string, unknown>, namespace: string | undefined): string {
  const entries = Object.entries(value);
  if (entries.length !== 1) {
    throw new Error(
      `restXml output must have exactly one root element, got: ${Object.keys(value).join(", ")}`,
    );
  }
  const [root, content] = entries[0]!;
  const ns = namespace ? ` xmlns="${escapeXml(namespace)}"` : "";
  if (content && typeof content === "object" && !Array.isArray(content) && !(content instanceof Date)) {
    return `${XML_DECL}<${root}${ns}>${writeXmlMembers(content as Record<string, unknown>, XML_OPTIONS)}</${root}>`;
  }
  return XML_DECL + writeXmlElement(root, content, XML_OPTIONS).replace(`<${root}>`, `<${root}${ns}>`);
}

export const restXmlCodec: ProtocolCodec = {
  protocol: "restXml",

  matchOperation: matchRestOperation,

  decode(service: ServiceDefinition, operation: string, request: EmulatorRequest): DecodedCall {
    const labels = matchRoute(service, request)?.labels ?? {};
    return { operation, input: { ...queryMembers(request.query), ...labels } };
  },

  encodeResult(ctx: EncodeContext, operation: string, output: unknown): WireResponse {
    const result = asRestResult(output);
    const status = result.status ?? ctx.service.operations[operation]?.http?.successCode ?? 200;
    const headers = { ...s3Ids(ctx.requestId), ...result.headers };
    let body: Buffer | string = "";
    if (Buffer.isBuffer(result.body) || typeof result.body === "string") {
      body = result.body;
    } else if (result.body && typeof result.body === "object") {
      body = rootDocument(result.body as Record<string, unknown>, ctx.service.xmlNamespace);
      headers["content-type"] ??= "application/xml";
    }
    return { status, headers, body };
  },

  encodeError(ctx, error: AwsError): WireResponse {
    const headers = { ...s3Ids(ctx.requestId), ...error.headers };
    if (error.noBody || ctx.request.method === "HEAD") return { status: error.status, headers, body: "" };
    const hostId = headers["x-amz-id-2"]!;
    const body =
      `${XML_DECL}<Error><Code>${escapeXml(error.codeFor("restXml"))}</Code><Message>${escapeXml(error.message)}</Message>` +
      `${writeXmlMembers(error.fields, XML_OPTIONS)}<RequestId>${ctx.requestId}</RequestId><HostId>${hostId}</HostId></Error>`;
    return { status: error.status, headers: { ...headers, "content-type": "application/xml" }, body };
  },
};
