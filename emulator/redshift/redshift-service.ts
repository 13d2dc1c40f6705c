/**
 * Redshift, provisioned (awsQuery, signing name `redshift`, API version 2012-12-01). Regional:
 * clusters are keyed by (account, region); every operation acts on the caller's account in the
 * region of the request's credential scope.
 *
 * Operations: DescribeClusters, ModifyClusterIamRoles, GetClusterCredentials,
 * GetClusterCredentialsWithIAM. Everything else answers the pipeline's "not implemented" error.
 * Known gaps: cluster lifecycle (Create/Delete/Pause/Resume), snapshots, parameter groups.
 */
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { clusterOperations } from "./cluster-operations.ts";
import { credentialOperations } from "./credential-operations.ts";

export function createRedshiftService(world: World): ServiceDefinition {
  return {
    signingName: "redshift",
    protocol: "awsQuery",
    xmlNamespace: "http://redshift.amazonaws.com/doc/2012-12-01/",
    apiVersion: "2012-12-01",
    accessDenied: (message) => new AwsError("AccessDenied", message, { status: 403 }),
    operations: {
      ...clusterOperations(world),
      ...credentialOperations(world),
    },
  };
}
