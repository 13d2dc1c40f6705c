/**
 * Encrypt, Decrypt and GenerateDataKey on symmetric keys, with the encryption context bound to the
 * ciphertext (ciphertext-blob.ts) and offered to the key policy as `kms:EncryptionContext:<k>` /
 * `kms:EncryptionContextKeys`.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 *
 * Decrypt finds the key in the blob's header. A KeyId that names another key is
 * IncorrectKeyException (named by AWS's API reference; its text is inferred [I]); a header naming a key that does not exist here, or
 * one of another region, is the AccessDeniedException AWS sends for that case.
 *
 * Known gaps: GenerateDataKeyWithoutPlaintext, GenerateDataKeyPair, ReEncrypt, GenerateRandom,
 * grant tokens (accepted and ignored), DryRun, the `Recipient` (Nitro attestation) member,
 * asymmetric and HMAC keys.
 */
import { randomBytes } from "node:crypto";
import { AwsError } from "../core/errors.ts";
import type { World } from "../world/world.ts";
import { open, parseBlob, seal } from "./ciphertext-blob.ts";
import { CIPHERTEXT_KEY_UNKNOWN, invalidCiphertext, kmsAccessDenied, validation } from "./kms-errors.ts";
import { blobMember, encryptionContextOf, requireSymmetricAlgorithm } from "./kms-input.ts";
import { keyByArn } from "./kms-key-store.ts";
import { authorizeKey, type KmsCall, requireEnabled, resolveKey, resolveKeyMember } from "./resolve-key.ts";

const ALGORITHM = "SYMMETRIC_DEFAULT";
/** Plaintext limit of a SYMMETRIC_DEFAULT key; CiphertextBlob limit of Decrypt. */
const MAX_PLAINTEXT = 4096;
const MAX_CIPHERTEXT = 6144;

export function encryptOperation(world: World) {
  return (call: KmsCall) => {
    const plaintext = blobMember(call.input, "Plaintext", "plaintext", MAX_PLAINTEXT);
    const context = encryptionContextOf(call.input);
    requireSymmetricAlgorithm(call.input);
    const key = resolveKeyMember(world, call);
    authorizeKey(world, call, key, "kms:Encrypt", context);
    requireEnabled(key);
    return {
      CiphertextBlob: seal(world, key.arn, plaintext, context),
      KeyId: key.arn,
      EncryptionAlgorithm: ALGORITHM,
    };
  };
}

/** The Coral enum list KMS prints for a bad KeySpec here is CreateKey's, not AES_256/AES_128 (boto/boto3#3428). */
const KEY_SPEC_ENUM_TEXT =
  "[RSA_2048, ECC_NIST_P384, ECC_NIST_P256, ECC_NIST_P521, HMAC_384, RSA_3072, ECC_SECG_P256K1, RSA_4096, SYMMETRIC_DEFAULT, HMAC_256, HMAC_224, HMAC_512]";
const DATA_KEY_BYTES: Record<string, number> = { AES_256: 32, AES_128: 16 };

function dataKeyLength(input: Record<string, unknown>): number {
  const spec = input.KeySpec;
  const bytes = input.NumberOfBytes;
  if ((spec === undefined) === (bytes === undefined)) {
    throw new AwsError("ValidationException", "Please specify either number of bytes or key spec.");
  }
  if (spec !== undefined) {
    const length = typeof spec === "string" ? DATA_KEY_BYTES[spec] : undefined;
    if (length === undefined) {
      throw validation(
        `Value '${String(spec)}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: ${KEY_SPEC_ENUM_TEXT}`,
      );
    }
    return length;
  }
  if (typeof bytes !== "number" || !Number.isInteger(bytes)) {
    throw new AwsError("SerializationException", "NumberOfBytes must be an integer");
  }
  if (bytes < 1) {
    throw validation(
      `Value '${bytes}' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (bytes > 1024) {
    throw validation(
      `Value '${bytes}' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024`,
    );
  }
  return bytes;
}

export function generateDataKeyOperation(world: World) {
  return (call: KmsCall) => {
    const length = dataKeyLength(call.input);
    const context = encryptionContextOf(call.input);
    const key = resolveKeyMember(world, call);
    authorizeKey(world, call, key, "kms:GenerateDataKey", context);
    requireEnabled(key);
    const plaintext = randomBytes(length);
    return { CiphertextBlob: seal(world, key.arn, plaintext, context), Plaintext: plaintext, KeyId: key.arn };
  };
}

export function decryptOperation(world: World) {
  return (call: KmsCall) => {
    const blob = blobMember(call.input, "CiphertextBlob", "ciphertextBlob", MAX_CIPHERTEXT);
    const context = encryptionContextOf(call.input);
    requireSymmetricAlgorithm(call.input);
    const parsed = parseBlob(blob);
    if (!parsed) throw invalidCiphertext();
    const key = keyByArn(world, parsed.keyArn);
    if (!key || key.region !== call.region) throw kmsAccessDenied(CIPHERTEXT_KEY_UNKNOWN);
    if (typeof call.input.KeyId === "string" && resolveKey(world, call, call.input.KeyId).arn !== key.arn) {
      throw new AwsError(
        "IncorrectKeyException",
        "The key ID in the request does not identify a CMK that can perform this operation.",
      );
    }
    authorizeKey(world, call, key, "kms:Decrypt", context);
    requireEnabled(key);
    const plaintext = open(world, parsed, context);
    if (!plaintext) throw invalidCiphertext();
    return { KeyId: key.arn, Plaintext: plaintext, EncryptionAlgorithm: ALGORITHM };
  };
}
