/**
 * Conditional writes and deletes: PutObject's `If-Match` / `If-None-Match` and DeleteObject's
 * `If-Match`, as AWS answered them (recorded: test/parity/cases/s3-precondition-cases.ts).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
 *
 * - PutObject: both headers at once, `If-None-Match` other than `*`, or `If-Match: *` → 501
 *   NotImplemented naming the header; `If-None-Match: *` on an existing key → 412; `If-Match` on a
 *   missing key → 404 NoSuchKey; on another ETag → 412.
 * - DeleteObject: `x-amz-if-match-last-modified-time` / `x-amz-if-match-size` (directory buckets
 *   only) → 501; `If-Match` on another ETag → 412.
 *
 * - `x-amz-bypass-governance-retention` on DeleteObject(s): object lock is not implemented, so every
 *   bucket is one without it → 400 InvalidArgument, as AWS answers for such buckets.
 *
 * Known gaps: conditional CompleteMultipartUpload (multipart is not implemented); `If-Match` on a
 * missing key for DeleteObject is not checked (not recorded).
 */
import { AwsError } from "../core/errors.ts";
import { noSuchKey } from "./s3-errors.ts";
import { header, type S3Context } from "./s3-request.ts";
import type { S3Object } from "./s3-store.ts";

function headerNotImplemented(name: string, additionalMessage?: string): AwsError {
  const fields: Record<string, string> = { Header: name };
  if (additionalMessage) fields.additionalMessage = additionalMessage;
  return new AwsError(
    "NotImplemented",
    "A header you provided implies functionality that is not implemented",
    { status: 501, fields },
  );
}

const preconditionFailed = (condition: string) =>
  new AwsError("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
    status: 412,
    fields: { Condition: condition },
  });

const sameEtag = (sent: string, etag: string) => sent.trim() === etag || `"${sent.trim()}"` === etag;

export function checkPutPreconditions(ctx: S3Context, key: string, existing: S3Object | undefined): void {
  const ifMatch = header(ctx, "if-match");
  const ifNoneMatch = header(ctx, "if-none-match");
  if (ifMatch !== undefined && ifNoneMatch !== undefined) {
    throw headerNotImplemented(
      "If-Match,If-None-Match",
      "Multiple conditional request headers present in the request",
    );
  }
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") {
      throw headerNotImplemented(
        "If-None-Match",
        "We don't accept the provided value of If-None-Match header for this API",
      );
    }
    if (existing) throw preconditionFailed("If-None-Match");
  }
  if (ifMatch !== undefined) {
    if (ifMatch.trim() === "*") {
      throw headerNotImplemented(
        "If-Match",
        "We don't accept the provided value of If-Match header for this API",
      );
    }
    if (!existing) throw noSuchKey(key);
    if (!sameEtag(ifMatch, existing.etag)) throw preconditionFailed("If-Match");
  }
}

export function checkDeletePreconditions(ctx: S3Context, existing: S3Object | undefined): void {
  for (const name of ["x-amz-if-match-last-modified-time", "x-amz-if-match-size"]) {
    if (header(ctx, name) !== undefined) throw headerNotImplemented(name);
  }
  const ifMatch = header(ctx, "if-match");
  if (ifMatch !== undefined && existing && !sameEtag(ifMatch, existing.etag))
    throw preconditionFailed("If-Match");
}

/** Object lock is not implemented: every bucket is one without it, where AWS refuses the bypass header. */
export function rejectGovernanceBypass(ctx: S3Context): void {
  const name = "x-amz-bypass-governance-retention";
  if (header(ctx, name) === undefined) return;
  throw new AwsError("InvalidArgument", `${name} is only applicable to Object Lock enabled buckets.`, {
    status: 400,
    fields: { ArgumentName: name },
  });
}
