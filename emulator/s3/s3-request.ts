/**
 * Per-request helpers shared by the S3 operations: who is asking, which bucket, and the bucket
 * checks S3 runs before authorization (existence, then region).
 */
import type { OperationContext } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { checkBucketRegion } from "./bucket-region.ts";
import type { S3Requester } from "./s3-access.ts";
import { noSuchBucket } from "./s3-errors.ts";
import { type S3Bucket, s3StoreOf } from "./s3-store.ts";

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

/** The addressed bucket: NoSuchBucket (404) when absent, then the region check (301 / 400). */
export function addressedBucket(
  world: World,
  ctx: S3Context,
  options: { regionCheck?: boolean } = {},
): S3Bucket {
  const name = bucketName(ctx);
  const bucket = s3StoreOf(world).get(name);
  if (!bucket) throw noSuchBucket(name);
  if (options.regionCheck !== false) checkBucketRegion(bucket, ctx.region, ctx.http.headers.host);
  return bucket;
}

/** A query parameter or header value, or undefined. */
export function header(ctx: S3Context, name: string): string | undefined {
  return ctx.http.headers[name.toLowerCase()];
}

export function queryValue(ctx: S3Context, name: string): string | undefined {
  return ctx.http.query.get(name) ?? undefined;
}
