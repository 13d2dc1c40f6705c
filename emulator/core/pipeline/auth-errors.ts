/**
 * The authentication errors AWS returns before any service code runs, in each protocol's code,
 * wording and status. Texts are as seen from real AWS (aws-cli#6676, aws-sdk-go#884, iamlive#58,
 * versitygw#1514, craftcms/aws-s3#182; SDK models):
 *
 * | case            | awsQuery (STS/IAM/Redshift)      | awsJson1_1 (400) / restJson1 Lambda (403) | restXml S3                |
 * |-----------------|----------------------------------|--------------------------------------------|---------------------------|
 * | no auth         | MissingAuthenticationToken 403   | MissingAuthenticationTokenException        | AccessDenied 403          |
 * | unknown key     | InvalidClientTokenId 403         | UnrecognizedClientException                | InvalidAccessKeyId 403    |
 * | bad token       | InvalidClientTokenId 403         | UnrecognizedClientException                | InvalidToken 400          |
 * | expired token   | ExpiredToken 403                 | ExpiredTokenException                      | ExpiredToken 400          |
 * | bad signature   | SignatureDoesNotMatch 403        | InvalidSignatureException                  | SignatureDoesNotMatch 403 |
 * | clock skew      | SignatureDoesNotMatch 403        | InvalidSignatureException                  | RequestTimeTooSkewed 403  |
 *
 * Never put a secret key or a session token in these messages.
 * Known gap: the awsJson1_1 statuses for Redshift Data / Secrets Manager are inferred from
 * DynamoDB and Cognito reports (400); confirm against real endpoints.
 */
import { AwsError } from "../errors.ts";
import type { Protocol } from "../types.ts";

const INVALID_TOKEN = "The security token included in the request is invalid.";
const EXPIRED_TOKEN = "The security token included in the request is expired";
const BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const S3_BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. Check your key and signing method.";
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** awsJson services answer auth failures with 400, Lambda's restJson1 with 403. */
function jsonStatus(protocol: Protocol): number {
  return protocol === "awsJson1_1" ? 400 : 403;
}

function byProtocol(
  protocol: Protocol,
  query: () => AwsError,
  json: (status: number) => AwsError,
  s3: () => AwsError,
): AwsError {
  if (protocol === "awsQuery") return query();
  if (protocol === "restXml") return s3();
  return json(jsonStatus(protocol));
}

export function missingAuthentication(protocol: Protocol): AwsError {
  return byProtocol(
    protocol,
    () =>
      new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", { status: 403 }),
    (status) =>
      new AwsError("MissingAuthenticationTokenException", "Request is missing Authentication Token", {
        status,
      }),
    () => new AwsError("AccessDenied", "Access Denied", { status: 403 }),
  );
}

export function unknownAccessKey(protocol: Protocol, accessKeyId: string): AwsError {
  return byProtocol(
    protocol,
    () => new AwsError("InvalidClientTokenId", INVALID_TOKEN, { status: 403 }),
    (status) => new AwsError("UnrecognizedClientException", INVALID_TOKEN, { status }),
    () =>
      new AwsError(
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
        {
          status: 403,
          fields: { AWSAccessKeyId: accessKeyId },
        },
      ),
  );
}

/** S3 echoes the token it refused as `Token-0`, as AWS's body does (the caller's own text, sent by it);
 *  the other protocols name no token. */
export function invalidSessionToken(protocol: Protocol, token?: string): AwsError {
  return byProtocol(
    protocol,
    () => new AwsError("InvalidClientTokenId", INVALID_TOKEN, { status: 403 }),
    (status) => new AwsError("UnrecognizedClientException", INVALID_TOKEN, { status }),
    () =>
      new AwsError("InvalidToken", "The provided token is malformed or otherwise invalid.", {
        status: 400,
        fields: token ? { "Token-0": token } : {},
      }),
  );
}

/** S3's answer to a presigned URL past its expiry (SigV4 adds the X-Amz-Expires it was given). */
export function requestExpired(expires: Date, now: Date, amzExpires?: number): AwsError {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
  return new AwsError("AccessDenied", "Request has expired", {
    status: 403,
    fields: {
      ...(amzExpires !== undefined ? { "X-Amz-Expires": amzExpires } : {}),
      Expires: iso(expires),
      ServerTime: iso(now),
    },
  });
}

export function expiredToken(protocol: Protocol): AwsError {
  return byProtocol(
    protocol,
    () => new AwsError("ExpiredToken", EXPIRED_TOKEN, { status: 403 }),
    (status) => new AwsError("ExpiredTokenException", EXPIRED_TOKEN, { status }),
    () => new AwsError("ExpiredToken", "The provided token has expired.", { status: 400 }),
  );
}

export function signatureMismatch(
  protocol: Protocol,
  accessKeyId: string,
  signatureProvided: string,
): AwsError {
  return byProtocol(
    protocol,
    () => new AwsError("SignatureDoesNotMatch", BAD_SIGNATURE, { status: 403 }),
    (status) => new AwsError("InvalidSignatureException", BAD_SIGNATURE, { status }),
    () =>
      new AwsError("SignatureDoesNotMatch", S3_BAD_SIGNATURE, {
        status: 403,
        fields: { AWSAccessKeyId: accessKeyId, SignatureProvided: signatureProvided },
      }),
  );
}

/** yyyymmddThhmmssZ, the form AWS quotes in "Signature expired" messages. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/** Request time outside ±15 minutes of the server clock. */
export function clockSkew(protocol: Protocol, amzDate: string, requestTime: Date, now: Date): AwsError {
  const late = requestTime.getTime() < now.getTime();
  const bound = new Date(now.getTime() + (late ? -MAX_SKEW_MS : MAX_SKEW_MS));
  // "Signature expired: <req> is now earlier than <now-15m> (<now> - 15 min.)" and its mirror for
  // requests from the future ("Signature not yet current: … is still later than … (… + 15 min.)").
  const message = late
    ? `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(bound)} (${formatAmzDate(now)} - 15 min.)`
    : `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(bound)} (${formatAmzDate(now)} + 15 min.)`;
  return byProtocol(
    protocol,
    () => new AwsError("SignatureDoesNotMatch", message, { status: 403 }),
    (status) => new AwsError("InvalidSignatureException", message, { status }),
    () =>
      new AwsError(
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        {
          status: 403,
          fields: {
            RequestTime: amzDate,
            ServerTime: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
            MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
          },
        },
      ),
  );
}
