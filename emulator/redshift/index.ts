/** Redshift (provisioned): the service, and what other pieces (Data API, COPY) need from clusters. */
export {
  authorizeClusterCredentials,
  authorizeClusterCredentialsWithIam,
  type Check,
  type ClusterCredentialRequest,
  type CredentialDenial,
  iamDbUserFor,
} from "./cluster-credentials.ts";
export {
  closeSqlEngineFor,
  clusterDatabase,
  type DbLogin,
  type DbSession,
  openClusterSession,
  sqlEngineFor,
} from "./cluster-databases.ts";
export {
  type ClusterIamRoles,
  type ClusterState,
  clusterIamRoles,
  clustersIn,
  findCluster,
} from "./cluster-store.ts";
export {
  COPY_UNAVAILABLE,
  type CopyExecutor,
  type CopyOutcome,
  type CopyRequest,
  copyExecutorFor,
  setCopyExecutor,
} from "./copy-executor.ts";
export { type ClusterRef, clusterArn, dbGroupArn, dbNameArn, dbUserArn } from "./redshift-arns.ts";
export { createRedshiftService } from "./redshift-service.ts";
