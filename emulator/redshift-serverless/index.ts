/** Redshift Serverless: the service and what the Data API uses from it (WorkgroupName mode). */
export { createRedshiftServerlessService } from "./redshift-serverless-service.ts";
export {
  authorizeServerlessCredentials,
  type ServerlessAuthorizeOptions,
  ServerlessCredentialsError,
} from "./serverless-credentials.ts";
export {
  findNamespace,
  findWorkgroup,
  type NamespaceSpec,
  type ServerlessNamespace,
  type ServerlessWorkgroup,
  type WorkgroupSpec,
  workgroupsIn,
} from "./serverless-store.ts";
