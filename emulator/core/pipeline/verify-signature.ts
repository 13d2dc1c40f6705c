/**
 * Pipeline step: verify a SigV4 signature by re-signing the received request with
 * @smithy/signature-v4 and the secret the emulator issued, then comparing signatures.
 *
 * When `x-amz-content-sha256` is a signed header, the signer takes it as the payload hash, so the
 * signature can be checked before the body is read; authenticate.ts then compares the body's real
 * hash with it (docs/architecture.md, wire traps) and accepts `UNSIGNED-PAYLOAD` and the
 * `STREAMING-…` markers (chunks checked in aws-chunked-decoder.ts) from S3 only. Otherwise the
 * payload hash is computed here from the received bytes.
 *
 * Paths: S3 signs the path as sent (`uriEscapePath: false`); every other service signs the
 * path URI-encoded once more, which the signer does from the raw path.
 * Known gaps: the `Date` header instead of `X-Amz-Date`; SigV4a.
 */
import { timingSafeEqual } from "node:crypto";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { EmulatorRequest } from "../emulator-request.ts";
import { parseAmzDate, type SigV4Params } from "./parse-sigv4.ts";
import { NodeSha256 } from "./sha256.ts";

const PRESIGN_PARAMS = new Set([
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
]);

/** Decode a raw query string as SigV4 sees it: percent-decoding only (no `+` → space). */
export function parseRawQuery(
  rawQuery: string,
  skip: ReadonlySet<string> = new Set(),
): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (!rawQuery) return query;
  for (const pair of rawQuery.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : safeDecode(pair.slice(eq + 1));
    if (skip.has(key)) continue;
    const prev = query[key];
    query[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return query;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function isStreamingPayload(value: string | undefined): boolean {
  return value?.startsWith("STREAMING-") ?? false;
}

export function signerFor(sig: SigV4Params, secretAccessKey: string): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: sig.accessKeyId, secretAccessKey },
    region: sig.region,
    service: sig.service,
    sha256: NodeSha256,
    uriEscapePath: sig.service !== "s3",
    applyChecksum: false,
  });
}

/**
 * Re-sign and compare. `body` is the received body, hashed as the payload when no signed
 * `x-amz-content-sha256` header names the hash; undefined when the signature must not depend on it.
 */
export async function verifySignature(
  request: EmulatorRequest,
  sig: SigV4Params,
  secretAccessKey: string,
  body: Buffer | undefined,
): Promise<boolean> {
  const signingDate = parseAmzDate(sig.amzDate);
  if (!signingDate) return false;
  const signed = new Set(sig.signedHeaders.map((h) => h.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const hostHeader = request.headers.host ?? "";
  const [hostname = "", port] = hostHeader.split(":");
  const signer = signerFor(sig, secretAccessKey);
  // A non-buffer object makes the signer use UNSIGNED-PAYLOAD (S3's presigned URLs).
  const payload: unknown = sig.presigned && sig.service === "s3" ? {} : (body ?? Buffer.alloc(0));

  if (sig.presigned) {
    const query = parseRawQuery(request.rawQuery, PRESIGN_PARAMS);
    const httpRequest = new HttpRequest({
      method: request.method,
      protocol: "http:",
      hostname,
      port: port ? Number(port) : undefined,
      path: request.rawPath,
      query,
      headers,
      body: payload,
    });
    const result = await signer.presign(httpRequest, {
      signingDate,
      expiresIn: sig.expires,
      signableHeaders: signed,
      unhoistableHeaders: signed,
    });
    return sameSignature(String(result.query?.["X-Amz-Signature"] ?? ""), sig.signature);
  }

  const httpRequest = new HttpRequest({
    method: request.method,
    protocol: "http:",
    hostname,
    port: port ? Number(port) : undefined,
    path: request.rawPath,
    query: parseRawQuery(request.rawQuery),
    headers,
    body: payload,
  });
  const result = await signer.sign(httpRequest, { signingDate, signableHeaders: signed });
  const expected = /Signature=([0-9a-f]+)/.exec(String(result.headers.authorization ?? ""))?.[1] ?? "";
  return sameSignature(expected, sig.signature);
}

function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
