/**
 * Which regional endpoint a request reached, and S3's answer when it is not the bucket's.
 *
 * - Wrong endpoint (the Host names another region, or path-style on an IP where the signing region
 *   stands for the endpoint): 301 PermanentRedirect with `Endpoint`/`Bucket` fields and the
 *   `x-amz-bucket-region` header; HEAD gets the same status and header without a body.
 * - Right endpoint, signed for another region: 400 AuthorizationHeaderMalformed "the region 'x' is
 *   wrong; expecting 'y'" with a `Region` field.
 * Both are answered before authorization, which is why HeadBucket is the usual way to find a
 * bucket's region. GetBucketLocation is served from any region. aws/aws-cli#968, JuliaCloud/AWSS3.jl#25,
 * aws/aws-sdk-cpp#1339, hashicorp/terraform-provider-aws#14544.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 *
 * Known gap: the legacy global endpoint (s3.amazonaws.com) quirks for us-east-1.
 */
import { authorizationHeaderMalformed, permanentRedirect } from "./s3-errors.ts";
import type { S3Bucket } from "./s3-store.ts";

/** The region a Host header names (`s3.<region>.localhost`, `b.s3.<region>.amazonaws.com`, `s3-<region>…`). */
export function regionFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, "").toLowerCase();
  const m =
    /(?:^|\.)s3[.-]([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)\.(?:localhost|amazonaws\.com(?:\.cn)?)$/.exec(
      name,
    );
  return m?.[1];
}

/** `signingRegion` "" is a SigV2 request (no scope): only a host naming another region redirects. */
export function checkBucketRegion(bucket: S3Bucket, signingRegion: string, host: string | undefined): void {
  const endpointRegion = regionFromHost(host) ?? (signingRegion || bucket.region);
  if (signingRegion === "") {
    if (endpointRegion !== bucket.region) throw permanentRedirect(bucket.name, bucket.region);
    return;
  }
  if (endpointRegion !== bucket.region) throw permanentRedirect(bucket.name, bucket.region);
  if (signingRegion !== bucket.region) throw authorizationHeaderMalformed(signingRegion, bucket.region);
}
