/**
 * KMS over the wire (awsJson1_1, signing name `kms`, target prefix `TrentService`).
 * https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html
 *
 * Operations: DescribeKey, ListKeys, ListAliases, GetKeyPolicy, PutKeyPolicy, Encrypt, Decrypt,
 * GenerateDataKey. Key-level authorization happens in the handlers (the key, its policy and the
 * encryption context are only known after resolving the KeyId or the ciphertext), through the same
 * `authorizeKeyUse` that S3 SSE-KMS and Secrets Manager use.
 *
 * Known gaps: CreateKey, aliases and key state changes over the API (keys come from the setup
 * file), grants, tags, rotation, deletion, asymmetric/HMAC keys, custom key stores; see each
 * module's header.
 */
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { decryptOperation, encryptOperation, generateDataKeyOperation } from "./crypto-operations.ts";
import { describeKeyOperation, listAliasesOperation, listKeysOperation } from "./key-metadata-operations.ts";
import { getKeyPolicyOperation, putKeyPolicyOperation } from "./key-policy-operations.ts";
import { kmsAccessDenied } from "./kms-errors.ts";

export function createKmsService(world: World): ServiceDefinition {
  return {
    signingName: "kms",
    protocol: "awsJson1_1",
    targetPrefix: "TrentService",
    accessDenied: kmsAccessDenied,
    operations: {
      DescribeKey: { handler: describeKeyOperation(world) },
      ListKeys: { handler: listKeysOperation(world) },
      ListAliases: { handler: listAliasesOperation(world) },
      GetKeyPolicy: { handler: getKeyPolicyOperation(world) },
      PutKeyPolicy: { handler: putKeyPolicyOperation(world) },
      Encrypt: { handler: encryptOperation(world) },
      Decrypt: { handler: decryptOperation(world) },
      GenerateDataKey: { handler: generateDataKeyOperation(world) },
    },
  };
}
