/** Secrets Manager: the service and what other emulated services (the Data API) use from it. */
export {
  type ReadSecretOptions,
  readSecretForService,
  SECRET_CONTENTS_EMPTY,
  SecretReadError,
  type SecretReadFailure,
  type ServiceSecret,
} from "./read-secret-for-service.ts";
export type { StoredSecret } from "./secret-store.ts";
export { createSecretsManagerService } from "./secrets-manager-service.ts";
