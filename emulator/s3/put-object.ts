/**
 * PutObject (single part; plain or aws-chunked bodies, which the pipeline has already decoded).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 *
 * - s3:PutObject on the object ARN, with s3:x-amz-server-side-encryption(-aws-kms-key-id) and
 *   s3:x-amz-acl in the request context when the headers are sent (bucket policies that require
 *   encryption test these).
 * - Content-MD5 and x-amz-checksum-* are validated; the ETag is the body's MD5 in quotes; with no
 *   checksum sent, S3 stores a CRC64NVME one (default integrity protection since December 2024).
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html
 * - Encryption: the header, else the bucket default (SSE-S3 at least); SSE-KMS needs
 *   kms:GenerateDataKey on the key for the caller.
 * - Object Ownership: BucketOwnerEnforced (the default) refuses ACLs other than
 *   bucket-owner-full-control and makes the bucket owner own every object.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
 *
 * - System metadata (Cache-Control, Content-Disposition, Content-Encoding, Content-Language,
 *   Expires) is stored and returned on reads.
 * - User metadata: an RFC 2047 encoded word that decodes to printable ASCII is stored decoded.
 * - Conditional writes (`If-Match`, `If-None-Match`): write-preconditions.ts.
 *
 * - SSE-C headers are validated as AWS does (sse-customer-key.ts); a valid SSE-C write is a gap (501).
 *
 * Known gaps: multipart uploads, storing under SSE-C, DSSE-KMS, object lock, tagging headers, storage classes.
 */
import { AwsError } from "../core/errors.ts";
import { restResult } from "../protocols/rest-result.ts";
import type { World } from "../world/world.ts";
import { checksumHeaders, computeChecksum, verifyUploadChecksums } from "./checksums.ts";
import { authorizeS3, checkKeyUseViaS3 } from "./s3-access.ts";
import { invalidArgument } from "./s3-errors.ts";
import { addressedBucket, header, objectKey, requesterOf, type S3Context } from "./s3-request.ts";
import { kmsKeyArnFor, md5Etag, type S3Bucket, type S3Object, type Sse } from "./s3-store.ts";
import { s3NotImplemented } from "./s3-unimplemented.ts";
import { refuseSseC } from "./sse-customer-key.ts";
import { checkPutPreconditions } from "./write-preconditions.ts";

/** System metadata S3 stores with the object and returns on reads. */
export const SYSTEM_HEADERS = [
  "cache-control",
  "content-disposition",
  "content-encoding",
  "content-language",
  "expires",
] as const;

function requestedSse(ctx: S3Context): Sse | undefined {
  const sse = header(ctx, "x-amz-server-side-encryption");
  if (sse === undefined) {
    if (header(ctx, "x-amz-server-side-encryption-aws-kms-key-id") !== undefined) {
      throw invalidArgument(
        "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
        "x-amz-server-side-encryption",
        "null",
      );
    }
    return undefined;
  }
  if (sse !== "AES256" && sse !== "aws:kms") {
    throw invalidArgument(
      "The encryption method specified is not supported",
      "x-amz-server-side-encryption",
      sse,
    );
  }
  return sse;
}

/**
 * A metadata value that is one RFC 2047 encoded word (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`) decoding to
 * printable ASCII is stored decoded, as AWS returned it (parity case
 * TestS3::test_user_metadata_rfc2047_encoded); any other value, non-ASCII results included, as sent.
 */
function asciiRfc2047(value: string): string {
  const word = /^=\?UTF-8\?([BQ])\?(.*)\?=$/i.exec(value);
  if (!word) return value;
  const [, encoding = "", text = ""] = word;
  let decoded: string;
  if (encoding.toUpperCase() === "B") {
    const bytes = Buffer.from(text, "base64");
    if (bytes.toString("base64") !== text) return value;
    decoded = bytes.toString("latin1");
  } else {
    decoded = text
      .replace(/_/g, " ")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return /^[\x20-\x7e]*$/.test(decoded) ? decoded : value;
}

function ownerFor(ctx: S3Context, bucket: S3Bucket): string {
  const acl = header(ctx, "x-amz-acl");
  if (bucket.ownership === "BucketOwnerEnforced") {
    if (acl !== undefined && acl !== "bucket-owner-full-control" && acl !== "private") {
      throw new AwsError("AccessControlListNotSupported", "The bucket does not allow ACLs", { status: 400 });
    }
    return bucket.account;
  }
  if (bucket.ownership === "BucketOwnerPreferred" && acl === "bucket-owner-full-control")
    return bucket.account;
  return ctx.caller.account;
}

export const putObject = (world: World) => (ctx: S3Context) => {
  // CopyObject without the SDK's x-id hint routes here; it must not store an empty object.
  if (header(ctx, "x-amz-copy-source") !== undefined) throw s3NotImplemented();
  const who = requesterOf(world, ctx);
  const bucket = addressedBucket(world, ctx);
  const key = objectKey(ctx);
  refuseSseC(ctx);
  const sse = requestedSse(ctx);
  const keyIdHeader = header(ctx, "x-amz-server-side-encryption-aws-kms-key-id");
  const context: Record<string, string> = {};
  if (sse) context["s3:x-amz-server-side-encryption"] = sse;
  if (keyIdHeader) context["s3:x-amz-server-side-encryption-aws-kms-key-id"] = keyIdHeader;
  const acl = header(ctx, "x-amz-acl");
  if (acl) context["s3:x-amz-acl"] = acl;
  authorizeS3(who, { action: "s3:PutObject", bucket, key, context });
  checkPutPreconditions(ctx, key, bucket.objects.get(key));

  const body = ctx.http.body;
  const checksums = verifyUploadChecksums(ctx.http.headers, body);
  const sent = Object.keys(checksums).length > 0;
  if (!sent) checksums.CRC64NVME = computeChecksum("CRC64NVME", body);

  const effective = sse ?? bucket.encryption.sse;
  let kmsKeyArn: string | undefined;
  if (effective === "aws:kms") {
    kmsKeyArn = keyIdHeader
      ? kmsKeyArnFor(world, bucket.account, bucket.region, keyIdHeader)
      : sse === "aws:kms"
        ? kmsKeyArnFor(world, bucket.account, bucket.region, undefined)
        : bucket.encryption.kmsKeyArn;
    const outcome = checkKeyUseViaS3(who, bucket, key, kmsKeyArn!, "kms:GenerateDataKey");
    if (outcome.error) throw outcome.error;
    kmsKeyArn = outcome.keyArn;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.http.headers)) {
    if (name.startsWith("x-amz-meta-")) metadata[name.slice("x-amz-meta-".length)] = asciiRfc2047(value);
  }
  const systemHeaders: Record<string, string> = {};
  for (const name of SYSTEM_HEADERS) {
    const value = header(ctx, name);
    if (value !== undefined) systemHeaders[name] = value;
  }
  const object: S3Object = {
    key,
    body: Buffer.from(body),
    etag: md5Etag(body),
    lastModified: ctx.now,
    contentType: header(ctx, "content-type") ?? "binary/octet-stream",
    sse: effective,
    kmsKeyArn,
    checksums,
    metadata,
    systemHeaders,
    owner: ownerFor(ctx, bucket),
  };
  bucket.objects.set(key, object);
  const headers: Record<string, string> = { etag: object.etag, "x-amz-server-side-encryption": effective };
  if (kmsKeyArn) headers["x-amz-server-side-encryption-aws-kms-key-id"] = kmsKeyArn;
  Object.assign(headers, checksumHeaders(checksums), { "x-amz-checksum-type": "FULL_OBJECT" });
  return restResult({ status: 200, headers });
};
