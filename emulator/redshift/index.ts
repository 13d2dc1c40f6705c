/** Redshift (provisioned): the service, and what other pieces (Data API, COPY) need from clusters. */
export {
  authorizeClusterCredentials,
  authorizeClusterCredentialsWithIam,
  type ClusterCredentialRequest,
  type CredentialDenial,
  dbUserFor,
} from "./cluster-credentials.ts";
export {
  clusterDatabase,
  type DbLogin,
  type DbSession,
  openClusterSession,
} from "./cluster-databases.ts";
export {
  type ClusterIamRoles,
  type ClusterState,
  clusterIamRoles,
  clustersIn,
  findCluster,
} from "./cluster-store.ts";
export type { CopyExecutor, CopyOutcome, CopyRequest } from "./copy-executor.ts";
export { type ClusterRef, clusterArn, dbGroupArn, dbNameArn, dbUserArn } from "./redshift-arns.ts";
export { createRedshiftService } from "./redshift-service.ts";
