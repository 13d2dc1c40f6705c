/**
 * GetObject and HeadObject.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
 *
 * Order as S3 answers: bucket exists → region → s3:GetObject → key exists (a missing key is 404
 * NoSuchKey only for callers allowed s3:ListBucket, 403 otherwise) → preconditions → SSE-KMS
 * kms:Decrypt (GetObject only: HeadObject returns metadata without decrypting) → range.
 * Checksums are returned for whole-object reads with `x-amz-checksum-mode: ENABLED`, as the SDK
 * asks by default and validates.
 *
 * GetObject's `response-*` query parameters override the stored headers.
 *
 * GetObject's `response-*` query parameters override the stored headers.
 *
 * Known gaps: partNumber, SSE-C.
 */
import { AwsError } from "../core/errors.ts";
import { restResult } from "../protocols/rest-result.ts";
import type { World } from "../world/world.ts";
import { checksumHeaders } from "./checksums.ts";
import { parseRange } from "./object-range.ts";
import { authorizeS3, checkKeyUseViaS3, evaluateS3, type S3Requester, s3DeniedMessage } from "./s3-access.ts";
import { accessDenied, noSuchKey } from "./s3-errors.ts";
import {
  addressedBucket,
  header,
  objectKey,
  queryValue,
  rejectVersionId,
  requesterOf,
  type S3Context,
} from "./s3-request.ts";
import type { S3Bucket, S3Object } from "./s3-store.ts";

/** The error for a key that is not there: NoSuchKey if the caller may list the bucket, else AccessDenied. */
export function missingKeyError(who: S3Requester, bucket: S3Bucket, key: string): AwsError {
  const check = { action: "s3:ListBucket", bucket, context: { "s3:prefix": key } };
  const list = evaluateS3(who, check);
  if (list.decision === "Allow") return noSuchKey(key);
  return accessDenied(s3DeniedMessage(who, check, list));
}

/** Objects written by another account under ObjectWriter ownership stay private to that account (ACL default). */
export function ownerCheck(who: S3Requester, bucket: S3Bucket, object: S3Object): void {
  if (object.owner !== bucket.account && who.caller.account !== object.owner) throw accessDenied();
}

export function objectHeaders(object: S3Object): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": object.lastModified.toUTCString(),
    "accept-ranges": "bytes",
    "x-amz-server-side-encryption": object.sse,
  };
  if (object.kmsKeyArn) headers["x-amz-server-side-encryption-aws-kms-key-id"] = object.kmsKeyArn;
  Object.assign(headers, object.systemHeaders);
  for (const [k, v] of Object.entries(object.metadata)) headers[`x-amz-meta-${k}`] = v;
  return headers;
}

/** GetObject's `response-<header>` query parameters replace these headers in the answer. */
const OVERRIDABLE = [
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "content-type",
  "expires",
];

function preconditionFailed(condition: string): AwsError {
  return new AwsError("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
    status: 412,
    fields: { Condition: condition },
  });
}

/** An HTTP date header as whole seconds, or undefined when absent or unreadable (S3 then ignores it). */
function dateHeader(ctx: S3Context, name: string): number | undefined {
  const value = header(ctx, name);
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.floor(at / 1000);
}

/**
 * RFC 7232's order as S3 applies it: If-Match, else If-Unmodified-Since (412); If-None-Match, else
 * If-Modified-Since (304). An If-Modified-Since in the future is ignored.
 */
function preconditions(ctx: S3Context, object: S3Object): void {
  const modified = Math.floor(object.lastModified.getTime() / 1000);
  const ifMatch = header(ctx, "if-match");
  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag)) throw preconditionFailed("If-Match");
  } else {
    const unmodifiedSince = dateHeader(ctx, "if-unmodified-since");
    if (unmodifiedSince !== undefined && modified > unmodifiedSince)
      throw preconditionFailed("If-Unmodified-Since");
  }
  const notModified = () => new AwsError("NotModified", "Not Modified", { status: 304, noBody: true });
  const ifNoneMatch = header(ctx, "if-none-match");
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, object.etag)) throw notModified();
    return;
  }
  const modifiedSince = dateHeader(ctx, "if-modified-since");
  if (
    modifiedSince !== undefined &&
    modifiedSince <= Math.floor(ctx.now.getTime() / 1000) &&
    modified <= modifiedSince
  )
    throw notModified();
}

function etagListMatches(list: string, etag: string): boolean {
  return list.split(",").some((e) => {
    const t = e.trim();
    return t === "*" || t === etag || `"${t}"` === etag;
  });
}

function readObject(world: World, ctx: S3Context, head: boolean) {
  const who = requesterOf(world, ctx);
  const bucket = addressedBucket(world, ctx);
  rejectVersionId(ctx);
  const key = objectKey(ctx);
  authorizeS3(who, { action: "s3:GetObject", bucket, key });
  const object = bucket.objects.get(key);
  if (!object) throw missingKeyError(who, bucket, key);
  ownerCheck(who, bucket, object);
  preconditions(ctx, object);
  if (!head && object.sse === "aws:kms" && object.kmsKeyArn) {
    const outcome = checkKeyUseViaS3(who, bucket, key, object.kmsKeyArn, "kms:Decrypt");
    if (outcome.error) throw outcome.error;
  }
  const size = object.body.length;
  const range = parseRange(header(ctx, "range"), size);
  const headers = objectHeaders(object);
  if (!head) {
    for (const name of OVERRIDABLE) {
      const value = queryValue(ctx, `response-${name}`);
      if (value !== undefined) headers[name] = value;
    }
  }
  // A range that covers the whole object is answered like no range, checksums included (recorded).
  const whole = !range || (range.start === 0 && range.end === size - 1);
  if (range) {
    headers["content-range"] = `bytes ${range.start}-${range.end}/${size}`;
    headers["content-length"] = String(range.end - range.start + 1);
  } else headers["content-length"] = String(size);
  const checksumMode = (header(ctx, "x-amz-checksum-mode") ?? "").toUpperCase() === "ENABLED";
  if (whole && checksumMode && Object.keys(object.checksums).length) {
    Object.assign(headers, checksumHeaders(object.checksums), { "x-amz-checksum-type": "FULL_OBJECT" });
  }
  const body = range ? object.body.subarray(range.start, range.end + 1) : object.body;
  return restResult({ status: range ? 206 : 200, headers, body: head ? Buffer.alloc(0) : Buffer.from(body) });
}

export const getObject = (world: World) => (ctx: S3Context) => readObject(world, ctx, false);
export const headObject = (world: World) => (ctx: S3Context) => readObject(world, ctx, true);
