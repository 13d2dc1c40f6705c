/**
 * S3's older query-string authentication (Signature Version 2), what `aws s3 presign` and boto3's
 * `s3` signature version produce: `AWSAccessKeyId`, `Expires` (epoch seconds) and `Signature`
 * (base64 HMAC-SHA1 of the string to sign), x-amz-* values (the session token) as query
 * parameters. Answered as AWS answered it (test/parity/recorded, TestS3PresignedUrl[s3]): a missing
 * parameter is AccessDenied "Query-string authentication requires the Signature, Expires and
 * AWSAccessKeyId parameters"; a wrong signature SignatureDoesNotMatch with StringToSign and its
 * bytes; past `Expires`, AccessDenied "Request has expired" with Expires and ServerTime.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
 *
 * The request's region is the one its host names (`s3.<region>.amazonaws.com`), else none (`""`):
 * SigV2 carries no scope, so a local endpoint serves a bucket of any region (bucket-region.ts). Known gaps: SigV2 in the Authorization header (`AWS AKID:sig`) is still
 * refused as unauthenticated; the body is not covered by the signature (as in AWS, bar Content-MD5).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { bucketFromHost } from "../../protocols/s3-routing.ts";
import type { EmulatorRequest } from "../emulator-request.ts";
import { AwsError } from "../errors.ts";
import type { ServiceDefinition, WorldPort } from "../types.ts";
import { invalidSessionToken, requestExpired, unknownAccessKey } from "./auth-errors.ts";
import type { Authenticated } from "./authenticate.ts";
import { bodyLimitFor } from "./body-limits.ts";
import type { BodySource } from "./body-source.ts";

export interface SigV2Query {
  accessKeyId: string;
  signature: string;
  /** Epoch seconds. */
  expires: number;
  sessionToken?: string;
  /** The region the host names, or "" when it names none. */
  region: string;
}

const PARAMS = ["AWSAccessKeyId", "Signature", "Expires"] as const;

/** The sub-resources S3 signs in a SigV2 canonical resource. */
const SUB_RESOURCES = new Set([
  "acl",
  "cors",
  "delete",
  "lifecycle",
  "location",
  "logging",
  "notification",
  "partNumber",
  "policy",
  "requestPayment",
  "response-cache-control",
  "response-content-disposition",
  "response-content-encoding",
  "response-content-language",
  "response-content-type",
  "response-expires",
  "restore",
  "tagging",
  "torrent",
  "uploadId",
  "uploads",
  "versionId",
  "versioning",
  "versions",
  "website",
  "accelerate",
  "analytics",
  "inventory",
  "metrics",
  "replication",
  "encryption",
  "ownershipControls",
  "object-lock",
  "retention",
  "legal-hold",
  "publicAccessBlock",
  "attributes",
]);

/** undefined when the request carries none of SigV2's query parameters. */
export function parseSigV2Query(request: EmulatorRequest): SigV2Query | undefined {
  const q = request.query;
  // The query APIs' own SigV2 (Action=…&SignatureVersion=2) is not S3's: left unauthenticated.
  if (!PARAMS.some((p) => q.has(p)) || q.has("Action") || q.has("SignatureVersion")) return undefined;
  const [accessKeyId, signature, expires] = PARAMS.map((p) => q.get(p));
  if (!accessKeyId || !signature || !expires) {
    throw new AwsError(
      "AccessDenied",
      "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
      { status: 403 },
    );
  }
  const region = /(?:^|\.)s3[.-]([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com(?::\d+)?$/.exec(
    request.headers.host ?? "",
  )?.[1];
  return {
    accessKeyId,
    signature,
    expires: Number(expires),
    sessionToken: q.get("x-amz-security-token") ?? undefined,
    region: region ?? "",
  };
}

/** SigV2's string to sign for a query-authenticated request. */
export function sigV2StringToSign(request: EmulatorRequest, expires: string): string {
  const amz = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers))
    if (name.startsWith("x-amz-")) amz.set(name, value.trim());
  for (const [name, value] of request.query)
    if (name.toLowerCase().startsWith("x-amz-")) amz.set(name.toLowerCase(), value);
  const amzLines = [...amz.keys()]
    .sort()
    .map((name) => `${name}:${amz.get(name)}\n`)
    .join("");
  const bucket = bucketFromHost(request.headers.host);
  const path = bucket ? `/${bucket}${request.rawPath}` : request.rawPath;
  const subs = [...request.query]
    .filter(([name]) => SUB_RESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === "" ? name : `${name}=${value}`));
  const resource = subs.length > 0 ? `${path}?${subs.join("&")}` : path;
  return [
    request.method,
    request.headers["content-md5"] ?? "",
    request.headers["content-type"] ?? "",
    expires,
    `${amzLines}${resource}`,
  ].join("\n");
}

function hexBytes(text: string): string {
  return [...Buffer.from(text, "utf8")].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

export async function authenticateSigV2(
  world: WorldPort,
  service: ServiceDefinition,
  request: EmulatorRequest,
  query: SigV2Query,
  now: Date,
  body: BodySource,
  operation?: string,
): Promise<Authenticated> {
  const record = world.findCredential(query.accessKeyId);
  if (!record) throw unknownAccessKey("restXml", query.accessKeyId);
  if ((record.sessionToken ?? undefined) !== (query.sessionToken || undefined))
    throw invalidSessionToken("restXml", query.sessionToken);
  const stringToSign = sigV2StringToSign(request, request.query.get("Expires") ?? "");
  const expected = createHmac("sha1", record.secretAccessKey).update(stringToSign, "utf8").digest();
  const provided = Buffer.from(query.signature, "base64");
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    throw new AwsError(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      {
        status: 403,
        fields: {
          AWSAccessKeyId: query.accessKeyId,
          StringToSign: stringToSign,
          SignatureProvided: query.signature,
          StringToSignBytes: hexBytes(stringToSign),
        },
      },
    );
  }
  if (!Number.isFinite(query.expires) || now.getTime() > query.expires * 1000)
    throw requestExpired(new Date((Number.isFinite(query.expires) ? query.expires : 0) * 1000), now);
  if (record.expiration && record.expiration.getTime() <= now.getTime())
    throw new AwsError("ExpiredToken", "The provided token has expired.", { status: 400 });
  const limit = bodyLimitFor(service, operation);
  const raw = await body.read(limit.bytes, () => limit.tooLarge(body.declaredLength));
  return { caller: record.caller, record, request: { ...request, body: raw, rawBody: raw } };
}
