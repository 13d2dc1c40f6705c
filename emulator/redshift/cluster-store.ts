/**
 * The provisioned clusters of a world, seeded from `setup.redshiftClusters` and keyed by
 * (account, region, identifier) as AWS keys them: the world's `clusters` slot holds one map per
 * (account, region), seeded by `seedClusters` on first use. Mutable state (associated IAM roles,
 * the default role, users auto-created by GetClusterCredentials) lives in the ClusterState.
 *
 * `clusterIamRoles` is what a COPY … IAM_ROLE check reads: the roles associated with the cluster
 * and the default one, as ModifyClusterIamRoles leaves them.
 * https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html
 *
 * Known gaps: clusters cannot be created or deleted through the API; role association is
 * immediate (ApplyStatus `in-sync`, never `adding`/`removing`).
 */
import type { Setup } from "../world/setup-schema.ts";
import type { World } from "../world/world.ts";
import type { ClusterRef } from "./redshift-arns.ts";

export type ClusterSpec = Setup["redshiftClusters"][number];

export interface ClusterState extends ClusterRef {
  spec: ClusterSpec;
  createTime: Date;
  /** Associated IAM role ARNs, in association order. */
  iamRoles: string[];
  defaultIamRole?: string;
  /** Users created by GetClusterCredentials(AutoCreate) or the WithIAM mapping; cluster-wide, as in Redshift. */
  createdUsers: Set<string>;
}

export interface ClusterIamRoles {
  roles: string[];
  defaultRole?: string;
}

/** The setup's clusters in (account, region), as the world's `clusters` slot starts. */
export function seedClusters(world: World, account: string, region: string): Map<string, ClusterState> {
  const clusters = new Map<string, ClusterState>();
  for (const spec of world.setup.redshiftClusters) {
    if (spec.$delete || spec.account !== account || spec.region !== region) continue;
    clusters.set(spec.id, {
      account,
      region,
      clusterId: spec.id,
      spec,
      createTime: world.clock(),
      iamRoles: [...spec.iamRoles],
      defaultIamRole: spec.defaultIamRole,
      createdUsers: new Set(),
    });
  }
  return clusters;
}

/** The cluster `id` in `account` and `region`, or undefined (AWS never looks in another account). */
export function findCluster(
  world: World,
  account: string,
  region: string,
  id: string,
): ClusterState | undefined {
  return world.clusters.get(account, region).get(id);
}

export function clustersIn(world: World, account: string, region: string): ClusterState[] {
  return [...world.clusters.get(account, region).values()];
}

/** The IAM roles associated with a cluster (what COPY's IAM_ROLE must name), or undefined if no such cluster. */
export function clusterIamRoles(
  world: World,
  ref: { account: string; region: string; clusterId: string },
): ClusterIamRoles | undefined {
  const cluster = findCluster(world, ref.account, ref.region, ref.clusterId);
  return cluster ? { roles: [...cluster.iamRoles], defaultRole: cluster.defaultIamRole } : undefined;
}
