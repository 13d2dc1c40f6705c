/**
 * Whether Secrets Manager may decrypt a secret's value for this caller: the kms:Decrypt that
 * Secrets Manager makes *with the caller's identity* (kms:ViaService).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 *
 * - Customer managed key: the key policy must allow — directly (enough on its own in the key's
 *   account) or by naming the account, which delegates to the caller's IAM policies; another account
 *   needs both the key policy and the caller's identity policy (the policy engine's cross-account
 *   rule). A key the setup does not have, or a disabled one, cannot decrypt: DecryptionFailure.
 * - No kmsKeyId (aws/secretsmanager): an AWS managed key's policy only serves its own account, so a
 *   caller from another account gets "Access to KMS is not allowed" (AWS: use a customer managed key
 *   for cross-account secrets).
 *
 * This is a narrow reader of `world.setup.kmsKeys` because emulator/kms/ did not exist when it was
 * written; swap `findKmsKey` for the KMS module's key lookup when it lands (same inputs).
 * Known gaps: key grants, encryption-context conditions other than SecretARN, key states other
 * than enabled/disabled, multi-region keys.
 */
import type { Caller } from "../core/types.ts";
import type { World } from "../world/world.ts";
import type { CheckFn } from "./authorize-secret.ts";
import type { StoredSecret } from "./secret-store.ts";

export interface KmsKeyView {
  arn: string;
  account: string;
  region: string;
  enabled: boolean;
  policy: string | object;
}

export type KmsDecryptOutcome = "allowed" | "kms-denied" | "unusable";

const defaultKeyPolicy = (account: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ],
});

/** A key by id, key ARN, alias name or alias ARN, in the account/region the reference implies. */
export function findKmsKey(
  world: World,
  ref: string,
  account: string,
  region: string,
): KmsKeyView | undefined {
  let keyAccount = account;
  let keyRegion = region;
  let id = ref;
  const arn = /^arn:aws[\w-]*:kms:([a-z0-9-]+):(\d{12}):(key\/.+|alias\/.+)$/.exec(ref);
  if (arn) {
    keyRegion = arn[1]!;
    keyAccount = arn[2]!;
    id = arn[3]!;
  }
  if (id.startsWith("key/")) id = id.slice(4);
  const key = world.setup.kmsKeys.find(
    (k) => k.account === keyAccount && k.region === keyRegion && (k.id === id || k.aliases.includes(id)),
  );
  if (!key) return undefined;
  return {
    arn: `arn:aws:kms:${key.region}:${key.account}:key/${key.id}`,
    account: key.account,
    region: key.region,
    enabled: key.enabled,
    policy: key.policy ?? defaultKeyPolicy(key.account),
  };
}

export function kmsDecryptOutcome(
  world: World,
  check: CheckFn,
  caller: Caller,
  secret: StoredSecret,
): KmsDecryptOutcome {
  if (!secret.kmsKeyId) return caller.account === secret.account ? "allowed" : "kms-denied";
  const key = findKmsKey(world, secret.kmsKeyId, secret.account, secret.region);
  if (!key?.enabled) return "unusable";
  const result = check({
    action: "kms:Decrypt",
    resource: key.arn,
    resourceAccount: key.account,
    resourcePolicy: { type: "resource", name: key.arn, document: key.policy },
    context: {
      "kms:ViaService": `secretsmanager.${secret.region}.amazonaws.com`,
      "kms:CallerAccount": caller.account,
      "kms:EncryptionContext:SecretARN": secret.arn,
      "kms:EncryptionContextKeys": ["SecretARN", "SecretVersionId"],
    },
  });
  // Unlike other resource policies, a key policy that grants nothing denies even in its own account.
  return result.decision === "Allow" && result.resourceGrant !== undefined ? "allowed" : "kms-denied";
}
