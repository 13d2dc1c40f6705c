/**
 * Pipeline step: who is calling? Access key → credential record → session token → clock skew →
 * signature → expiry, in the order AWS reports them (an expired session whose signature is also
 * wrong reports the signature). Decodes aws-chunked bodies on the way, since signed chunks chain
 * to the header signature.
 *
 * Known gap: presigned URL expiry (X-Amz-Expires) is checked, but S3's exact
 * "Request has expired" error fields (X-Amz-Expires, Expires, ServerTime) are not all rendered.
 */
import type { EmulatorRequest } from "../emulator-request.ts";
import { AwsError } from "../errors.ts";
import type { Caller, CredentialRecord, Protocol, WorldPort } from "../types.ts";
import {
  clockSkew,
  expiredToken,
  invalidSessionToken,
  MAX_SKEW_MS,
  signatureMismatch,
  unknownAccessKey,
} from "./auth-errors.ts";
import { decodeAwsChunked, isAwsChunked, verifyChunkSignatures } from "./aws-chunked-decoder.ts";
import { parseAmzDate, type SigV4Params } from "./parse-sigv4.ts";
import { isStreamingPayload, signerFor, verifySignature } from "./verify-signature.ts";

export interface Authenticated {
  caller: Caller;
  record: CredentialRecord;
  /** The request with its body decoded (aws-chunked framing removed). */
  request: EmulatorRequest;
}

export async function authenticate(
  world: WorldPort,
  protocol: Protocol,
  request: EmulatorRequest,
  sig: SigV4Params,
  now: Date,
): Promise<Authenticated> {
  const record = world.findCredential(sig.accessKeyId);
  if (!record) throw unknownAccessKey(protocol, sig.accessKeyId);
  if ((record.sessionToken ?? undefined) !== (sig.sessionToken || undefined))
    throw invalidSessionToken(protocol);

  const requestTime = parseAmzDate(sig.amzDate);
  if (!requestTime) throw signatureMismatch(protocol, sig.accessKeyId, sig.signature);
  if (!sig.presigned && Math.abs(requestTime.getTime() - now.getTime()) > MAX_SKEW_MS) {
    throw clockSkew(protocol, sig.amzDate, requestTime, now);
  }

  if (!(await verifySignature(request, sig, record.secretAccessKey))) {
    throw signatureMismatch(protocol, sig.accessKeyId, sig.signature);
  }
  if (
    sig.presigned &&
    sig.expires !== undefined &&
    now.getTime() > requestTime.getTime() + sig.expires * 1000
  ) {
    throw new AwsError("AccessDenied", "Request has expired", {
      status: 403,
      fields: { "X-Amz-Expires": sig.expires },
    });
  }
  if (record.expiration && record.expiration.getTime() <= now.getTime()) throw expiredToken(protocol);

  let decoded = request;
  if (isAwsChunked(request.headers)) {
    const chunked = decodeAwsChunked(request.rawBody);
    const mode = request.headers["x-amz-content-sha256"];
    if (isStreamingPayload(mode) && mode?.startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")) {
      const ok = await verifyChunkSignatures(
        chunked,
        sig.signature,
        signerFor(sig, record.secretAccessKey),
        sig,
      );
      if (!ok) throw signatureMismatch(protocol, sig.accessKeyId, sig.signature);
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
    decoded = { ...request, body: chunked.payload };
  }
  return { caller: record.caller, record, request: decoded };
}
