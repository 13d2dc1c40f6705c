/**
 * Secrets Manager's errors, with the texts AWS sends (awsJson1_1, HTTP 400 for every client error,
 * AccessDeniedException included — Secrets Manager does not answer 403).
 *
 * Sources (the wording is AWS's, seen in public reports):
 * - ResourceNotFoundException "Secrets Manager can't find the specified secret." and
 *   "… can't find the specified secret value for staging label: AWSPENDING" (aws/aws-sdk-js-v3#7701)
 * - AccessDeniedException "User: … is not authorized to perform: secretsmanager:GetSecretValue on
 *   resource: <SecretId as passed> because no identity-based policy allows …", status 400
 *   (mongodb/awscdk-resources-mongodbatlas#207, binbashar/le-tf-infra-aws#874)
 * - AccessDeniedException "Access to KMS is not allowed", status 400 (aws/aws-cdk#7677,
 *   external-secrets/external-secrets#390)
 * - DecryptionFailure: the API reference's description; the live wire text was not found [I].
 *   https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html#API_GetSecretValue_Errors
 */
import { AwsError } from "../core/errors.ts";

export const SECRET_NOT_FOUND = "Secrets Manager can't find the specified secret.";
export const KMS_NOT_ALLOWED = "Access to KMS is not allowed";
export const DECRYPTION_FAILURE =
  "Secrets Manager can't decrypt the protected secret text using the provided KMS key.";

export function secretNotFound(): AwsError {
  return new AwsError("ResourceNotFoundException", SECRET_NOT_FOUND);
}

export function versionNotFound(by: "VersionId" | "staging label", value: string): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    `Secrets Manager can't find the specified secret value for ${by}: ${value}`,
  );
}

export function secretsAccessDenied(message: string): AwsError {
  return new AwsError("AccessDeniedException", message, { status: 400 });
}

export function kmsNotAllowed(): AwsError {
  return secretsAccessDenied(KMS_NOT_ALLOWED);
}

export function decryptionFailure(): AwsError {
  return new AwsError("DecryptionFailure", DECRYPTION_FAILURE);
}

export function invalidParameter(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

export function invalidRequest(message: string): AwsError {
  return new AwsError("InvalidRequestException", message);
}

/** Coral's model validation, as every JSON service words it before looking at state. */
export function missingMember(member: string): AwsError {
  return new AwsError(
    "ValidationException",
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}
