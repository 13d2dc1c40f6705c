/**
 * Request members the KMS operations share, decoded and validated the way KMS's model does before
 * any key is looked at (Coral's `1 validation error detected: …` texts; see kms-errors.ts).
 * Blobs travel as base64 strings in awsJson1_1.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html#API_Encrypt_RequestSyntax
 */
import { AwsError } from "../core/errors.ts";
import type { EncryptionContext } from "./ciphertext-blob.ts";
import { missingMember, validation } from "./kms-errors.ts";

/** A required blob member (base64 on the wire) with its model's length bounds. */
export function blobMember(
  input: Record<string, unknown>,
  member: string,
  wireName: string,
  max: number,
): Buffer {
  const raw = input[member];
  if (raw === undefined || raw === null) throw missingMember(wireName);
  if (typeof raw !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) {
    throw new AwsError("SerializationException", `${member} must be a base64-encoded blob`);
  }
  const bytes = Buffer.from(raw, "base64");
  // The blob's bytes are never echoed: Coral names the member only ("Value at 'plaintext' …").
  if (bytes.length < 1) {
    throw validation(
      `Value at '${wireName}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    );
  }
  if (bytes.length > max) {
    throw validation(
      `Value at '${wireName}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return bytes;
}

export function encryptionContextOf(input: Record<string, unknown>): EncryptionContext {
  const raw = input.EncryptionContext;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new AwsError("SerializationException", "EncryptionContext must be a map of strings");
  }
  const context: EncryptionContext = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== "string") {
      throw new AwsError("SerializationException", "EncryptionContext must be a map of strings");
    }
    context[k] = v;
  }
  return context;
}

/**
 * Symmetric keys support only SYMMETRIC_DEFAULT. The text of KMS's InvalidKeyUsageException for
 * another algorithm was not found in public reports [I].
 */
export function requireSymmetricAlgorithm(input: Record<string, unknown>): void {
  const algorithm = input.EncryptionAlgorithm;
  if (algorithm === undefined || algorithm === "SYMMETRIC_DEFAULT") return;
  throw new AwsError(
    "InvalidKeyUsageException",
    `The KMS key's KeySpec SYMMETRIC_DEFAULT does not support the ${String(algorithm)} encryption algorithm.`,
  );
}
