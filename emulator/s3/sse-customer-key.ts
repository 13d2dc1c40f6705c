/**
 * SSE-C headers on a write (`x-amz-server-side-encryption-customer-algorithm`, `-customer-key`,
 * `-customer-key-MD5`), validated in AWS's order with AWS's texts (test/parity,
 * TestS3SSECEncryption::test_put_object_validation_sse_c): SSE-C with `x-amz-server-side-encryption`
 * too, a missing or non-AES256 algorithm, a missing key, a key that is not 256 bits, an MD5 that does
 * not match. Every error names `x-amz-server-side-encryption` as its ArgumentName, as AWS's do.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html
 *
 * Known gaps: objects are not stored under a customer key: a valid SSE-C request answers S3's
 * 501 NotImplemented rather than storing an object later reads would not ask the key for; the text for
 * a missing MD5 is inferred [I].
 */
import { createHash } from "node:crypto";
import { AwsError } from "../core/errors.ts";
import { header, type S3Context } from "./s3-request.ts";
import { s3NotImplemented } from "./s3-unimplemented.ts";

const PREFIX = "x-amz-server-side-encryption-customer-";
const ARGUMENT = "x-amz-server-side-encryption";

function sseCError(message: string, value?: string, code = "InvalidArgument"): AwsError {
  return new AwsError(code, message, {
    status: 400,
    fields: { ArgumentName: ARGUMENT, ...(value !== undefined ? { ArgumentValue: value } : {}) },
  });
}

const MUST_PROVIDE = "Requests specifying Server Side Encryption with Customer provided keys must provide";

/** Throws AWS's error for invalid SSE-C headers; valid ones are a gap (501). No SSE-C headers: returns. */
export function refuseSseC(ctx: S3Context): void {
  const algorithm = header(ctx, `${PREFIX}algorithm`);
  const key = header(ctx, `${PREFIX}key`);
  const md5 = header(ctx, `${PREFIX}key-md5`);
  if (algorithm === undefined && key === undefined && md5 === undefined) return;
  const sse = header(ctx, ARGUMENT);
  if (sse !== undefined) {
    throw sseCError(
      "Server Side Encryption with Customer provided key is incompatible with the encryption method specified",
      sse,
    );
  }
  if (algorithm === undefined) throw sseCError(`${MUST_PROVIDE} a valid encryption algorithm.`);
  if (algorithm !== "AES256") {
    throw sseCError(
      "The Encryption request you specified is not valid. Supported value: AES256.",
      algorithm,
      "InvalidEncryptionAlgorithmError",
    );
  }
  if (key === undefined) throw sseCError(`${MUST_PROVIDE} an appropriate secret key.`);
  const keyBytes = Buffer.from(key, "base64");
  if (keyBytes.length !== 32 || keyBytes.toString("base64") !== key) {
    throw sseCError("The secret key was invalid for the specified algorithm.");
  }
  if (md5 === undefined) throw sseCError(`${MUST_PROVIDE} the client calculated MD5 of the secret key.`);
  if (createHash("md5").update(keyBytes).digest("base64") !== md5) {
    throw sseCError("The calculated MD5 hash of the key did not match the hash that was provided.");
  }
  throw s3NotImplemented();
}
