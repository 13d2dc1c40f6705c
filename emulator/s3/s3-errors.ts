/**
 * S3's errors, with S3's codes, statuses, texts and extra fields.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
 * HEAD responses carry no body (the codec drops it), so the SDK only sees the status there.
 */
import { AwsError } from "../core/errors.ts";

export const noSuchBucket = (bucket: string) =>
  new AwsError("NoSuchBucket", "The specified bucket does not exist", {
    status: 404,
    fields: { BucketName: bucket },
  });

export const noSuchKey = (key: string) =>
  new AwsError("NoSuchKey", "The specified key does not exist.", { status: 404, fields: { Key: key } });

export const accessDenied = (message = "Access Denied") =>
  new AwsError("AccessDenied", message, { status: 403 });

export const noSuchBucketPolicy = (bucket: string) =>
  new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", {
    status: 404,
    fields: { BucketName: bucket },
  });

export const malformedPolicy = (message: string) => new AwsError("MalformedPolicy", message, { status: 400 });

export const malformedXml = () =>
  new AwsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
    { status: 400 },
  );

export const invalidArgument = (message: string, name: string, value: string) =>
  new AwsError("InvalidArgument", message, {
    status: 400,
    fields: { ArgumentName: name, ArgumentValue: value },
  });

/** Wrong regional endpoint: 301 with the bucket's endpoint, and the region in a header. */
export const permanentRedirect = (bucket: string, region: string) =>
  new AwsError(
    "PermanentRedirect",
    "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
    {
      status: 301,
      fields: { Endpoint: `${bucket}.s3.${region}.amazonaws.com`, Bucket: bucket },
      headers: { "x-amz-bucket-region": region },
    },
  );

/** Right endpoint, request signed for another region. */
export const authorizationHeaderMalformed = (signed: string, expected: string) =>
  new AwsError(
    "AuthorizationHeaderMalformed",
    `The authorization header is malformed; the region '${signed}' is wrong; expecting '${expected}'`,
    { status: 400, fields: { Region: expected } },
  );

export const invalidRange = (requested: string, size: number) =>
  new AwsError("InvalidRange", "The requested range is not satisfiable", {
    status: 416,
    fields: { RangeRequested: requested, ActualObjectSize: size },
    headers: { "content-range": `bytes */${size}` },
  });

export const badDigest = (message: string) => new AwsError("BadDigest", message, { status: 400 });

export const invalidDigest = () =>
  new AwsError("InvalidDigest", "The Content-MD5 you specified was not valid.", { status: 400 });

export const invalidBucketName = (bucket: string) =>
  new AwsError("InvalidBucketName", "The specified bucket is not valid.", {
    status: 400,
    fields: { BucketName: bucket },
  });

export const bucketAlreadyExists = (bucket: string) =>
  new AwsError(
    "BucketAlreadyExists",
    "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
    { status: 409, fields: { BucketName: bucket } },
  );

export const bucketAlreadyOwnedByYou = (bucket: string) =>
  new AwsError(
    "BucketAlreadyOwnedByYou",
    "Your previous request to create the named bucket succeeded and you already own it.",
    { status: 409, fields: { BucketName: bucket } },
  );

export const illegalLocationConstraint = (constraint: string | undefined) =>
  new AwsError(
    "IllegalLocationConstraintException",
    `The ${constraint ?? "unspecified"} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    { status: 400 },
  );

export const invalidLocationConstraint = (constraint: string) =>
  new AwsError("InvalidLocationConstraint", "The specified location-constraint is not valid", {
    status: 400,
    fields: { LocationConstraint: constraint },
  });

export const bucketNotEmpty = (bucket: string) =>
  new AwsError("BucketNotEmpty", "The bucket you tried to delete is not empty", {
    status: 409,
    fields: { BucketName: bucket },
  });

/** SSE-KMS with a key id that resolves to no key [I: text inferred from SDK error shapes]. */
export const kmsNotFound = (keyRef: string) =>
  new AwsError("KMS.NotFoundException", `Invalid keyId ${keyRef}`, { status: 400 });

export const kmsDisabled = (keyArn: string) =>
  new AwsError("KMS.DisabledException", `${keyArn} is disabled.`, { status: 400 });

/** A versionId on a bucket that never had versioning (every bucket here); "null" is the only version. */
export const invalidVersionId = (versionId: string) =>
  new AwsError("InvalidArgument", "Invalid version id specified", {
    status: 400,
    fields: { ArgumentName: "versionId", ArgumentValue: versionId },
  });
