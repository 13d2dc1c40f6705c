/**
 * KMS's errors as the service sends them (awsJson1_1; every client error is HTTP 400, access denial
 * included). The texts are AWS's, as quoted in public reports:
 *
 * - NotFoundException `Key '<key ARN>' does not exist` — the key ARN even when a bare key id was
 *   passed (boto/botocore#2107, Soluto/kamus#508, binxio/aws-ssm-copy#10).
 * - NotFoundException `Alias <alias ARN> is not found.` — the alias ARN, unquoted, even for an alias
 *   name (cloudposse/docs#152, sigstore/cosign#1474).
 * - DisabledException `<key ARN> is disabled.` (fugue/credstash#86).
 * - InvalidCiphertextException with no message at all: the body is `{"__type":"…"}` (aws/aws-cli#1100,
 *   aws/aws-nitro-enclaves-sdk-c#68, aws/aws-sdk-java#1323), so the JS SDK reports "UnknownError".
 * - AccessDeniedException `User: … is not authorized to perform: kms:X on resource: <key ARN> because
 *   no resource-based|identity-based policy allows the kms:X action`, Status 400
 *   (jbrt/ec2cryptomatic#26, trussworks/terraform-aws-s3-anti-virus#48).
 * - AccessDeniedException `The ciphertext refers to a customer master key that does not exist, does
 *   not exist in this region, or you are not allowed to access.` (Decrypt; aceew/aws-lambda-env-vars#7,
 *   fluxcd/kustomize-controller#673).
 * - ValidationException in Coral's words: `1 validation error detected: Value at 'plaintext' failed to
 *   satisfy constraint: Member must have length less than or equal to 4096`
 *   (adenot/hiera-eyaml-kms#8); an unknown KeySpec lists the *CreateKey* enum (boto/boto3#3428);
 *   `Please specify either number of bytes or key spec.` (nsmithuk/local-kms#6, seen for
 *   GenerateRandom; assumed the same for GenerateDataKey [I]).
 * - MalformedPolicyDocumentException `The new key policy will not allow you to update the key policy
 *   in the future.` (cloudposse/terraform-aws-vpc-flow-logs-s3-bucket#3) and `Policy contains a
 *   statement with one or more invalid principals.` (LBHackney-IT/Data-Platform#2238).
 *
 * [I] marks inferred texts: the numeric-range wording follows Coral's pattern for other members.
 */
import { AwsError } from "../core/errors.ts";

export function kmsAccessDenied(message: string): AwsError {
  return new AwsError("AccessDeniedException", message, { status: 400 });
}

export function keyNotFound(keyArn: string): AwsError {
  return new AwsError("NotFoundException", `Key '${keyArn}' does not exist`);
}

export function aliasNotFound(aliasArn: string): AwsError {
  return new AwsError("NotFoundException", `Alias ${aliasArn} is not found.`);
}

export function keyDisabled(keyArn: string): AwsError {
  return new AwsError("DisabledException", `${keyArn} is disabled.`);
}

export const CIPHERTEXT_KEY_UNKNOWN =
  "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.";

/** KMS sends InvalidCiphertextException without a message member; the JSON codec leaves the member
 *  out for an empty message. */
export function invalidCiphertext(): AwsError {
  return new AwsError("InvalidCiphertextException", "");
}

export function validation(message: string): AwsError {
  return new AwsError("ValidationException", `1 validation error detected: ${message}`);
}

export function missingMember(member: string): AwsError {
  return validation(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

export function malformedPolicy(message: string): AwsError {
  return new AwsError("MalformedPolicyDocumentException", message);
}

export const LOCKOUT_MESSAGE =
  "The new key policy will not allow you to update the key policy in the future.";
export const INVALID_PRINCIPALS = "Policy contains a statement with one or more invalid principals.";
