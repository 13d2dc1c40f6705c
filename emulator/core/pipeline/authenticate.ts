/**
 * Pipeline step: who is calling? Access key → credential record → session token → clock skew →
 * signature → expiry, in the order AWS reports them (an expired session whose signature is also
 * wrong reports the signature). Decodes aws-chunked bodies on the way, since signed chunks chain
 * to the header signature.
 *
 * The body is read here, after everything the headers alone can settle (body-source.ts): an
 * unknown key, a bad token, a skewed clock, or (when the payload hash is a signed header) a bad
 * signature are answered before a byte of the body is read; the body is then read up to the
 * service's limit (body-limits.ts) and checked against the signed hash. `UNSIGNED-PAYLOAD` and the
 * `STREAMING-…` markers count only for S3: every other service requires the payload's hash, so a
 * body altered after signing fails with that service's signature-mismatch error.
 *
 * An expired presigned URL is S3's AccessDenied "Request has expired" with the fields AWS sends
 * (X-Amz-Expires for SigV4, Expires and ServerTime; test/parity/recorded, TestS3PresignedUrl).
 */
import type { EmulatorRequest } from "../emulator-request.ts";
import { AwsError } from "../errors.ts";
import type { Caller, CredentialRecord, ServiceDefinition, WorldPort } from "../types.ts";
import {
  clockSkew,
  expiredToken,
  invalidSessionToken,
  MAX_SKEW_MS,
  requestExpired,
  signatureMismatch,
  unknownAccessKey,
} from "./auth-errors.ts";
import { decodeAwsChunked, isAwsChunked, verifyChunkSignatures } from "./aws-chunked-decoder.ts";
import { bodyLimitFor } from "./body-limits.ts";
import type { BodySource } from "./body-source.ts";
import { parseAmzDate, type SigV4Params } from "./parse-sigv4.ts";
import { sha256Hex } from "./sha256.ts";
import { isStreamingPayload, signerFor, verifySignature } from "./verify-signature.ts";

export interface Authenticated {
  caller: Caller;
  record: CredentialRecord;
  /** The request with its body read and decoded (aws-chunked framing removed). */
  request: EmulatorRequest;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function contentShaMismatch(claimed: string, computed: string): AwsError {
  return new AwsError(
    "XAmzContentSHA256Mismatch",
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
    { status: 400, fields: { ClientComputedContentSHA256: claimed, S3ComputedContentSHA256: computed } },
  );
}

function badContentSha(): AwsError {
  return new AwsError(
    "InvalidArgument",
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, " +
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
    { status: 400, fields: { ArgumentName: "x-amz-content-sha256" } },
  );
}

export async function authenticate(
  world: WorldPort,
  service: ServiceDefinition,
  request: EmulatorRequest,
  sig: SigV4Params,
  now: Date,
  body: BodySource,
  operation?: string,
): Promise<Authenticated> {
  const protocol = service.protocol;
  const s3 = service.signingName === "s3";
  const record = world.findCredential(sig.accessKeyId);
  if (!record) throw unknownAccessKey(protocol, sig.accessKeyId);
  if ((record.sessionToken ?? undefined) !== (sig.sessionToken || undefined))
    throw invalidSessionToken(protocol, sig.sessionToken);

  const requestTime = parseAmzDate(sig.amzDate);
  if (!requestTime) throw signatureMismatch(protocol, sig.accessKeyId, sig.signature);
  if (!sig.presigned && Math.abs(requestTime.getTime() - now.getTime()) > MAX_SKEW_MS) {
    throw clockSkew(protocol, sig.amzDate, requestTime, now);
  }

  const mismatch = () => signatureMismatch(protocol, sig.accessKeyId, sig.signature);
  const limit = bodyLimitFor(service, operation);
  const readBody = () => body.read(limit.bytes, () => limit.tooLarge(body.declaredLength));
  const claimed = sig.signedHeaders.some((h) => h.toLowerCase() === "x-amz-content-sha256")
    ? request.headers["x-amz-content-sha256"]
    : undefined;

  // Headers first: whenever the signature does not cover the body's bytes directly (a signed
  // payload hash, or S3's presigned URLs), it is checked before a byte of the body is read.
  let raw: Buffer;
  if (sig.presigned && s3) {
    if (!(await verifySignature(request, sig, record.secretAccessKey, undefined))) throw mismatch();
    raw = await readBody();
  } else if (claimed !== undefined) {
    const hashed = SHA256_HEX.test(claimed);
    // Outside S3, AWS requires the payload's hash: UNSIGNED-PAYLOAD and streaming markers are S3's.
    if (!s3 && !hashed) throw mismatch();
    if (s3 && !hashed && claimed !== "UNSIGNED-PAYLOAD" && !isStreamingPayload(claimed))
      throw badContentSha();
    if (!(await verifySignature(request, sig, record.secretAccessKey, undefined))) throw mismatch();
    raw = await readBody();
    if (hashed) {
      const computed = sha256Hex(raw);
      if (computed !== claimed) throw s3 ? contentShaMismatch(claimed, computed) : mismatch();
    }
  } else {
    raw = await readBody();
    if (!(await verifySignature(request, sig, record.secretAccessKey, raw))) throw mismatch();
  }
  if (
    sig.presigned &&
    sig.expires !== undefined &&
    now.getTime() > requestTime.getTime() + sig.expires * 1000
  ) {
    throw requestExpired(new Date(requestTime.getTime() + sig.expires * 1000), now, sig.expires);
  }
  if (record.expiration && record.expiration.getTime() <= now.getTime()) throw expiredToken(protocol);

  let decoded: EmulatorRequest = { ...request, body: raw, rawBody: raw };
  if (s3 && isAwsChunked(request.headers)) {
    const chunked = decodeAwsChunked(raw);
    const mode = request.headers["x-amz-content-sha256"];
    if (isStreamingPayload(mode) && mode?.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")) {
      const ok = await verifyChunkSignatures(
        chunked,
        sig.signature,
        signerFor(sig, record.secretAccessKey),
        sig,
      );
      if (!ok) throw mismatch();
    }
    const declared = request.headers["x-amz-decoded-content-length"];
    if (declared !== undefined && Number(declared) !== chunked.payload.length) {
      throw new AwsError(
        "IncompleteBody",
        "You did not provide the number of bytes specified by the Content-Length HTTP header",
        {
          status: 400,
        },
      );
    }
    decoded = { ...decoded, body: chunked.payload };
  }
  return { caller: record.caller, record, request: decoded };
}
