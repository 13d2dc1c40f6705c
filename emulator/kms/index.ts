/** KMS: key lookup and key-use authorization (for S3, Secrets Manager), and the KMS API service. */
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
  KmsKeys,
  keyArnOf,
} from "./kms-key-store.ts";
export { createKmsService } from "./kms-service.ts";
