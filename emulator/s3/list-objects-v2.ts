/**
 * ListObjectsV2: keys in UTF-8 binary order, filtered by `prefix`, rolled up by `delimiter` into
 * CommonPrefixes, at most `max-keys` entries (Contents + CommonPrefixes, default and cap 1000),
 * continued with an opaque `continuation-token` or started after `start-after`.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 *
 * Authorization: s3:ListBucket on the bucket ARN with s3:prefix, s3:delimiter and s3:max-keys in
 * the request context (s3:prefix is "" when no prefix is sent).
 * `encoding-type=url` URL-encodes Key, Prefix, Delimiter, StartAfter and CommonPrefixes.
 *
 * Known gaps: fetch-owner (Owner is never returned), RestoreStatus, optional object attributes.
 */
import type { World } from "../world/world.ts";
import { authorizeS3 } from "./s3-access.ts";
import { invalidArgument } from "./s3-errors.ts";
import { addressedBucket, queryValue, requesterOf, type S3Context } from "./s3-request.ts";
import { compareKeys, type S3Bucket, type S3Object, sortedKeys } from "./s3-store.ts";

export interface ListPage {
  contents: S3Object[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, to continue after. */
  last?: string;
}

/** One page of a listing, shared with readObjectsAs. */
export function listPage(
  bucket: S3Bucket,
  options: { prefix: string; delimiter?: string; maxKeys: number; after?: string },
): ListPage {
  const contents: S3Object[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let isTruncated = false;
  for (const key of sortedKeys(bucket)) {
    if (!key.startsWith(options.prefix)) continue;
    if (options.after !== undefined && compareKeys(key, options.after) <= 0) continue;
    let rolled: string | undefined;
    if (options.delimiter) {
      const at = key.indexOf(options.delimiter, options.prefix.length);
      if (at >= 0) rolled = key.slice(0, at + options.delimiter.length);
    }
    if (rolled !== undefined && rolled === commonPrefixes[commonPrefixes.length - 1]) continue;
    // A common prefix already returned on an earlier page sorts at or before `after`.
    if (rolled !== undefined && options.after !== undefined && compareKeys(rolled, options.after) <= 0)
      continue;
    if (contents.length + commonPrefixes.length >= options.maxKeys) {
      isTruncated = true;
      break;
    }
    if (rolled !== undefined) {
      commonPrefixes.push(rolled);
      last = rolled;
    } else {
      contents.push(bucket.objects.get(key)!);
      last = key;
    }
  }
  return { contents, commonPrefixes, isTruncated, last };
}

const encodeToken = (key: string) => Buffer.from(`chaincheck:${key}`, "utf8").toString("base64");

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64").toString("utf8");
  if (!text.startsWith("chaincheck:") || Buffer.from(text, "utf8").toString("base64") !== token) {
    throw invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
  }
  return text.slice("chaincheck:".length);
}

function parseMaxKeys(value: string | undefined): number {
  if (value === undefined) return 1000;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < 0) {
    throw invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", value);
  }
  return Math.min(n, 1000);
}

export const listObjectsV2 = (world: World) => (ctx: S3Context) => {
  const who = requesterOf(world, ctx);
  const bucket = addressedBucket(world, ctx);
  const prefix = queryValue(ctx, "prefix") ?? "";
  const delimiter = queryValue(ctx, "delimiter") || undefined;
  const maxKeysText = queryValue(ctx, "max-keys");
  const encodingType = queryValue(ctx, "encoding-type");
  if (encodingType !== undefined && encodingType !== "url") {
    throw invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
  }
  const context: Record<string, string> = { "s3:prefix": prefix };
  if (delimiter) context["s3:delimiter"] = delimiter;
  if (maxKeysText !== undefined) context["s3:max-keys"] = maxKeysText;
  authorizeS3(who, { action: "s3:ListBucket", bucket, context });
  const maxKeys = parseMaxKeys(maxKeysText);
  const token = queryValue(ctx, "continuation-token");
  const startAfter = queryValue(ctx, "start-after");
  const after = token !== undefined ? decodeToken(token) : startAfter || undefined;
  const page = listPage(bucket, { prefix, delimiter, maxKeys, after });

  const enc = (s: string | undefined) =>
    s === undefined || encodingType !== "url" ? s : encodeURIComponent(s).replace(/%2F/g, "/");
  return {
    ListBucketResult: {
      Name: bucket.name,
      Prefix: enc(prefix),
      ContinuationToken: token,
      NextContinuationToken: page.isTruncated && page.last !== undefined ? encodeToken(page.last) : undefined,
      StartAfter: enc(startAfter),
      KeyCount: page.contents.length + page.commonPrefixes.length,
      MaxKeys: maxKeys,
      Delimiter: enc(delimiter),
      EncodingType: encodingType,
      IsTruncated: page.isTruncated,
      Contents: page.contents.map((o) => ({
        Key: enc(o.key),
        LastModified: o.lastModified,
        ETag: o.etag,
        ChecksumAlgorithm: Object.keys(o.checksums),
        ChecksumType: Object.keys(o.checksums).length ? "FULL_OBJECT" : undefined,
        Size: o.body.length,
        StorageClass: "STANDARD",
      })),
      CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
    },
  };
};
