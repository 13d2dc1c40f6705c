/**
 * How large a request body each service accepts, and the error it answers past that, checked
 * against Content-Length before any byte is read and again while reading (chunked bodies).
 *
 * | service                | limit                  | error                                               |
 * |------------------------|------------------------|-----------------------------------------------------|
 * | s3                     | 5 GiB (single PUT)     | EntityTooLarge 400, ProposedSize + MaxSizeAllowed   |
 * | lambda CreateFunction  | 70,167,211 bytes       | RequestEntityTooLargeException 413                  |
 * | lambda, other          | 69,905,067 bytes       | RequestEntityTooLargeException 413                  |
 * | awsQuery, awsJson1_1   | 8 MiB                  | RequestEntityTooLarge 413                           |
 * | unauthenticated        | 64 KiB read at most    | (the missing-authentication error, body unread)     |
 *
 * S3's 5 GB single-PUT limit and Lambda's 50 MB zipped upload (69,905,067 bytes once base64-encoded
 * in the JSON body) are AWS's documented quotas; CreateFunction's 70,167,211 bytes (the package plus
 * 256 KiB of configuration) is what AWS answered (test/parity, test_oversized_request_create_lambda):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 * AWS documents no request-size limit for the query and JSON APIs; 8 MiB is far above their largest
 * valid requests (128 KB policy documents in SimulatePrincipalPolicy, 40 × 100 KB SQL in
 * BatchExecuteStatement, 64 KB secrets). The 413 code and text for them are the emulator's own.
 *
 * Known gap: S3 objects are kept in memory, so a PUT near 5 GB needs that much memory.
 */
import { AwsError } from "../errors.ts";
import type { ServiceDefinition } from "../types.ts";

export const UNAUTHENTICATED_BODY_LIMIT = 64 * 1024;
export const S3_SINGLE_PUT_LIMIT = 5 * 1024 ** 3;
export const LAMBDA_REQUEST_LIMIT = 69_905_067;
export const LAMBDA_CREATE_FUNCTION_LIMIT = 70_167_211;
export const API_REQUEST_LIMIT = 8 * 1024 * 1024;

export interface BodyLimit {
  bytes: number;
  tooLarge(declared: number | undefined): AwsError;
}

export function bodyLimitFor(service: ServiceDefinition, operation: string | undefined): BodyLimit {
  if (service.signingName === "s3") {
    return {
      bytes: S3_SINGLE_PUT_LIMIT,
      tooLarge: (declared) =>
        new AwsError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
          status: 400,
          fields: {
            ...(declared !== undefined ? { ProposedSize: declared } : {}),
            MaxSizeAllowed: S3_SINGLE_PUT_LIMIT,
          },
        }),
    };
  }
  if (service.signingName === "lambda") {
    const bytes = operation === "CreateFunction" ? LAMBDA_CREATE_FUNCTION_LIMIT : LAMBDA_REQUEST_LIMIT;
    return {
      bytes,
      tooLarge: () =>
        new AwsError(
          "RequestEntityTooLargeException",
          `Request must be smaller than ${bytes} bytes for the ${operation ?? "requested"} operation`,
          { status: 413 },
        ),
    };
  }
  return {
    bytes: API_REQUEST_LIMIT,
    tooLarge: () =>
      new AwsError(
        "RequestEntityTooLarge",
        `Request body must be at most ${API_REQUEST_LIMIT} bytes for ${service.signingName}`,
        { status: 413 },
      ),
  };
}
