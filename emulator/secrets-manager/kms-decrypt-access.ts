/**
 * Whether Secrets Manager may decrypt a secret's value for this caller: the kms:Decrypt that
 * Secrets Manager makes *with the caller's identity* (kms:ViaService secretsmanager.<region>,
 * encryption context SecretARN/SecretVersionId).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
 *
 * - Customer managed key: KMS decides (emulator/kms `authorizeKeyUse`: the key policy must grant,
 *   directly or by delegating to the account's IAM policies; another account needs both sides).
 *   A key that does not resolve, or a disabled one, cannot decrypt: DecryptionFailure.
 * - No kmsKeyId (aws/secretsmanager): an AWS managed key's policy only serves its own account, so a
 *   caller from another account gets "Access to KMS is not allowed" (AWS: use a customer managed key
 *   for cross-account secrets).
 *
 * Known gaps: key grants; key states other than enabled/disabled.
 */
import type { Caller } from "../core/types.ts";
import { authorizeKeyUse, findKey } from "../kms/index.ts";
import type { World } from "../world/world.ts";
import type { SecretVersion, StoredSecret } from "./secret-store.ts";

export type KmsDecryptOutcome = "allowed" | "kms-denied" | "unusable";

export function kmsDecryptOutcome(
  world: World,
  caller: Caller,
  secret: StoredSecret,
  version: SecretVersion,
  requestId?: string,
): KmsDecryptOutcome {
  if (!secret.kmsKeyId) return caller.account === secret.account ? "allowed" : "kms-denied";
  const key = findKey(world, secret.account, secret.region, secret.kmsKeyId);
  if (!key?.enabled) return "unusable";
  const result = authorizeKeyUse(world, caller, key, "kms:Decrypt", {
    region: secret.region,
    viaService: `secretsmanager.${secret.region}.amazonaws.com`,
    encryptionContext: { SecretARN: secret.arn, SecretVersionId: version.versionId },
    requestId,
  });
  return result.decision === "Allow" ? "allowed" : "kms-denied";
}
