/**
 * DescribeClusters and ModifyClusterIamRoles, acting on the caller's account in the request's region.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusters.html
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_ModifyClusterIamRoles.html
 *
 * ModifyClusterIamRoles also needs `iam:PassRole` on every role it adds, as associating a role lets
 * Redshift act as it. https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html
 *
 * Known gaps: no Marker/MaxRecords paging or tag filters on DescribeClusters; the texts for a
 * default role that is not associated and for more than 50 roles are inferred ([I]).
 */

import { xmlList } from "../core/index.ts";
import type { OperationDef } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { clusterShape } from "./cluster-shape.ts";
import { clustersIn, findCluster } from "./cluster-store.ts";
import { clusterArn } from "./redshift-arns.ts";
import { clusterNotFound, invalidParameterValue, missingParameter } from "./redshift-errors.ts";
import { memberList, str } from "./redshift-input.ts";

const MAX_ROLES = 50;
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export function clusterOperations(world: World): Record<string, OperationDef> {
  return {
    DescribeClusters: {
      authorize: (ctx) => {
        const id = str(ctx.input.ClusterIdentifier);
        return {
          action: "redshift:DescribeClusters",
          resource: id ? clusterArn({ account: ctx.caller.account, region: ctx.region, clusterId: id }) : "*",
        };
      },
      handler: (ctx) => {
        const id = str(ctx.input.ClusterIdentifier);
        let clusters = clustersIn(world, ctx.caller.account, ctx.region);
        if (id !== undefined) {
          clusters = clusters.filter((c) => c.clusterId === id);
          if (clusters.length === 0) throw clusterNotFound(id);
        }
        return { Clusters: xmlList(clusters.map(clusterShape), "Cluster") };
      },
    },

    ModifyClusterIamRoles: {
      authorize: (ctx) => {
        const id = str(ctx.input.ClusterIdentifier) ?? "";
        const checks = [
          {
            action: "redshift:ModifyClusterIamRoles",
            resource: clusterArn({ account: ctx.caller.account, region: ctx.region, clusterId: id }),
          },
        ];
        for (const arn of memberList(ctx.input.AddIamRoles, "IamRoleArn")) {
          checks.push({ action: "iam:PassRole", resource: arn });
        }
        return checks;
      },
      handler: (ctx) => {
        const id = str(ctx.input.ClusterIdentifier);
        if (!id) throw missingParameter("ClusterIdentifier");
        const cluster = findCluster(world, ctx.caller.account, ctx.region, id);
        if (!cluster) throw clusterNotFound(id);
        const add = memberList(ctx.input.AddIamRoles, "IamRoleArn");
        const remove = memberList(ctx.input.RemoveIamRoles, "IamRoleArn");
        const defaultRole = str(ctx.input.DefaultIamRoleArn);
        for (const arn of [...add, ...remove, ...(defaultRole ? [defaultRole] : [])]) {
          if (!ROLE_ARN.test(arn)) throw invalidParameterValue(`Invalid IAM role ARN: ${arn}`);
        }
        const roles = cluster.iamRoles.filter((r) => !remove.includes(r));
        for (const arn of add) if (!roles.includes(arn)) roles.push(arn);
        if (roles.length > MAX_ROLES) {
          throw invalidParameterValue(`A cluster can have at most ${MAX_ROLES} IAM roles associated.`);
        }
        if (defaultRole && !roles.includes(defaultRole)) {
          throw invalidParameterValue(
            `The default IAM role ${defaultRole} must be associated with the cluster ${id}.`,
          );
        }
        cluster.iamRoles = roles;
        if (defaultRole) cluster.defaultIamRole = defaultRole;
        else if (cluster.defaultIamRole && !roles.includes(cluster.defaultIamRole))
          cluster.defaultIamRole = undefined;
        return { Cluster: clusterShape(cluster) };
      },
    },
  };
}
