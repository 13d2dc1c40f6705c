/**
 * ListBuckets' filters and pages: `prefix`, `bucket-region`, `max-buckets` and
 * `continuation-token`, the entries in name order with their `BucketArn` and `BucketRegion`, and
 * `Prefix` / `ContinuationToken` in the result as AWS answers them (recorded:
 * TestS3::test_create_bucket_with_eu_location_constraint).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 *
 * The continuation token is the last listed name, base64-encoded (AWS's tokens are opaque).
 * Known gaps: the texts of the InvalidArgument answers for a malformed region, max-buckets or token
 * are inferred [I].
 */
import { invalidArgument } from "./s3-errors.ts";
import { queryValue, type S3Context } from "./s3-request.ts";
import type { S3Bucket } from "./s3-store.ts";

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

export function listBucketsPage(ctx: S3Context, buckets: S3Bucket[]): Record<string, unknown> {
  const prefix = queryValue(ctx, "prefix");
  const region = queryValue(ctx, "bucket-region");
  const maxText = queryValue(ctx, "max-buckets");
  const token = queryValue(ctx, "continuation-token");
  if (region !== undefined && !REGION.test(region)) {
    throw invalidArgument("The specified bucket region is not valid.", "bucket-region", region);
  }
  let max = 10_000;
  if (maxText !== undefined) {
    max = Number(maxText);
    if (!/^\d+$/.test(maxText) || max < 1 || max > 10_000) {
      throw invalidArgument("max-buckets must be an integer between 1 and 10000.", "max-buckets", maxText);
    }
  }
  let after = "";
  if (token !== undefined) {
    after = Buffer.from(token, "base64").toString("utf8");
    if (!after || Buffer.from(after, "utf8").toString("base64") !== token) {
      throw invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }
  }
  const matching = buckets
    .filter(
      (b) =>
        (prefix === undefined || b.name.startsWith(prefix)) && (region === undefined || b.region === region),
    )
    .filter((b) => b.name > after)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = matching.slice(0, max);
  const result: Record<string, unknown> = {
    Buckets: {
      Bucket: page.map((b) => ({
        Name: b.name,
        CreationDate: b.creationDate,
        BucketRegion: b.region,
        BucketArn: `arn:aws:s3:::${b.name}`,
      })),
    },
  };
  if (matching.length > page.length) {
    result.ContinuationToken = Buffer.from(page[page.length - 1]!.name, "utf8").toString("base64");
  }
  if (prefix !== undefined) result.Prefix = prefix;
  return result;
}
