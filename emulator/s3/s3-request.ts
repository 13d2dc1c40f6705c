/**
 * Per-request helpers shared by the S3 operations: who is asking, which bucket, and the bucket
 * checks S3 runs before authorization (existence, then region).
 */
import { AwsError } from "../core/errors.ts";
import type { OperationContext } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { checkBucketRegion } from "./bucket-region.ts";
import type { S3Requester } from "./s3-access.ts";
import { accessDenied, invalidVersionId, noSuchBucket } from "./s3-errors.ts";
import type { S3Bucket } from "./s3-store.ts";

export type S3Context = OperationContext<Record<string, unknown>>;

export function requesterOf(world: World, ctx: S3Context): S3Requester {
  // The emulator listens on plain http, so aws:SecureTransport is false, as AWS would see it.
  return { world, caller: ctx.caller, requestId: ctx.requestId, secureTransport: false };
}

export function bucketName(ctx: S3Context): string {
  return String(ctx.input.Bucket ?? "");
}

export function objectKey(ctx: S3Context): string {
  return String(ctx.input.Key ?? "");
}

/**
 * The addressed bucket: an ExpectedBucketOwner that is no account id (400, AWS's recorded text),
 * NoSuchBucket (404) when absent, then the region check (301 / 400), then an ExpectedBucketOwner
 * that is not the owner (403, https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html).
 */
export function addressedBucket(
  world: World,
  ctx: S3Context,
  options: { regionCheck?: boolean } = {},
): S3Bucket {
  const name = bucketName(ctx);
  const expectedOwner = ctx.http.headers["x-amz-expected-bucket-owner"];
  if (expectedOwner !== undefined && !/^\d{12}$/.test(expectedOwner)) {
    throw new AwsError(
      "InvalidBucketOwnerAWSAccountID",
      `The value of the expected bucket owner parameter must be an AWS Account ID... [${expectedOwner}]`,
      { status: 400 },
    );
  }
  const bucket = world.s3.get(name);
  if (!bucket) throw noSuchBucket(name);
  if (options.regionCheck !== false) checkBucketRegion(bucket, ctx.region, ctx.http.headers.host);
  if (expectedOwner !== undefined && expectedOwner !== bucket.account) throw accessDenied();
  return bucket;
}

/** A query parameter or header value, or undefined. */
export function header(ctx: S3Context, name: string): string | undefined {
  return ctx.http.headers[name.toLowerCase()];
}

export function queryValue(ctx: S3Context, name: string): string | undefined {
  return ctx.http.query.get(name) ?? undefined;
}

/** Buckets here are never versioned: any versionId but "null" is AWS's InvalidArgument (recorded, test/parity). */
export function rejectVersionId(ctx: S3Context): void {
  const versionId = ctx.http.query.get("versionId");
  if (versionId !== null && versionId !== "null") throw invalidVersionId(versionId);
}
