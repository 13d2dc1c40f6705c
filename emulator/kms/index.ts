/** KMS as far as the chain needs it: key lookup and key-use authorization (for S3, Secrets Manager). */
export {
  authorizeKeyUse,
  type KeyUseAction,
  type KeyUseContext,
  keyUseDeniedMessage,
} from "./authorize-key-use.ts";
export {
  defaultKeyPolicy,
  findKey,
  type KmsKey,
  KmsKeyStore,
  keyArnOf,
  kmsKeysOf,
} from "./kms-key-store.ts";
