/**
 * Decode `Content-Encoding: aws-chunked` bodies (S3 streaming uploads).
 *
 *   <hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n … 0[;chunk-signature=<sig>]\r\n[<trailer>:<value>\r\n…]\r\n
 *
 * SDK v3 sends `x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` for PutObject with a
 * checksum: unsigned chunks and an `x-amz-checksum-crc32` trailer. Signed chunks
 * (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD`) chain each chunk's signature to the previous one, starting
 * from the seed (header) signature.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
 *
 * Known gaps: trailer checksums and trailer signatures (`x-amz-trailer-signature`) are not verified.
 */
import type { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "../errors.ts";
import { parseAmzDate } from "./parse-sigv4.ts";
import { sha256Hex } from "./sha256.ts";

export interface DecodedChunks {
  payload: Buffer;
  /** Chunk signatures in order (empty strings for unsigned chunks), final zero-length chunk included. */
  signatures: string[];
  chunks: Buffer[];
  trailers: Record<string, string>;
}

function malformed(detail: string): AwsError {
  return new AwsError("IncompleteBody", `The request body is not valid aws-chunked encoding: ${detail}`, {
    status: 400,
  });
}

export function isAwsChunked(headers: Record<string, string>): boolean {
  const encoding = headers["content-encoding"] ?? "";
  return (
    encoding.split(",").some((e) => e.trim() === "aws-chunked") ||
    (headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-")
  );
}

export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const chunks: Buffer[] = [];
  const signatures: string[] = [];
  const trailers: Record<string, string> = {};
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", offset);
    if (lineEnd < 0) throw malformed("missing chunk header");
    const header = body.subarray(offset, lineEnd).toString("latin1");
    const [sizeText = "", ...extensions] = header.split(";");
    const size = Number.parseInt(sizeText, 16);
    if (!/^[0-9a-fA-F]+$/.test(sizeText) || Number.isNaN(size))
      throw malformed(`bad chunk size "${sizeText}"`);
    const signature =
      extensions.find((e) => e.startsWith("chunk-signature="))?.slice("chunk-signature=".length) ?? "";
    signatures.push(signature);
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size > body.length) throw malformed("chunk longer than the body");
    chunks.push(body.subarray(offset, offset + size));
    offset += size;
    if (body.subarray(offset, offset + 2).toString("latin1") !== "\r\n")
      throw malformed("chunk not CRLF-terminated");
    offset += 2;
  }
  // Trailer lines until an empty line (or the end of the body).
  while (offset < body.length) {
    const lineEnd = body.indexOf("\r\n", offset);
    const line = body.subarray(offset, lineEnd < 0 ? body.length : lineEnd).toString("latin1");
    offset = lineEnd < 0 ? body.length : lineEnd + 2;
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(chunks), signatures, chunks, trailers };
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Verify the chained chunk signatures of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body. */
export async function verifyChunkSignatures(
  decoded: DecodedChunks,
  seedSignature: string,
  signer: SignatureV4,
  scope: { amzDate: string; scopeDate: string; region: string; service: string },
): Promise<boolean> {
  const signingDate = parseAmzDate(scope.amzDate);
  if (!signingDate) return false;
  const credentialScope = `${scope.scopeDate}/${scope.region}/${scope.service}/aws4_request`;
  let previous = seedSignature;
  const payloads = [...decoded.chunks, Buffer.alloc(0)];
  for (let i = 0; i < payloads.length; i++) {
    const stringToSign = [
      "AWS4-HMAC-SHA256-PAYLOAD",
      scope.amzDate,
      credentialScope,
      previous,
      EMPTY_SHA256,
      sha256Hex(payloads[i]!),
    ].join("\n");
    const expected = await signer.sign(stringToSign, {
      signingDate,
      signingRegion: scope.region,
      signingService: scope.service,
    });
    if (expected !== decoded.signatures[i]) return false;
    previous = expected;
  }
  return true;
}
