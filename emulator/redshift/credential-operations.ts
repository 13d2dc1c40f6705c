/**
 * GetClusterCredentials and GetClusterCredentialsWithIAM.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentials.html
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentialsWithIAM.html
 *
 * Order: DurationSeconds range (900–3600) → IAM (cluster-credentials.ts; denial = 403 AccessDenied
 * with IAM's text, docs/failures.md L3-01/L3-02/L2-12) → the cluster in the caller's account and
 * region (404 ClusterNotFound, L3-04). As in AWS, a DbUser that does not exist still gets
 * credentials; the login fails later (L3-03).
 * The password is random, returned once and never stored or logged.
 *
 * Known gaps: CustomDomainName is not supported (answered as a missing cluster id).
 */
import { randomBytes } from "node:crypto";
import type { OperationContext, OperationDef } from "../core/types.ts";
import type { World } from "../world/world.ts";
import {
  authorizeClusterCredentials,
  authorizeClusterCredentialsWithIam,
  dbUserFor,
} from "./cluster-credentials.ts";
import { findCluster } from "./cluster-store.ts";
import type { ClusterRef } from "./redshift-arns.ts";
import {
  clusterNotFound,
  invalidParameterValue,
  missingParameter,
  redshiftAccessDenied,
} from "./redshift-errors.ts";
import { bool, int, memberList, str } from "./redshift-input.ts";

const MIN_DURATION = 900;
const MAX_DURATION = 3600;

function durationOf(ctx: OperationContext): number {
  const raw = ctx.input.DurationSeconds;
  if (raw === undefined) return MIN_DURATION;
  const seconds = int(raw);
  if (seconds === undefined || seconds < MIN_DURATION || seconds > MAX_DURATION) {
    throw invalidParameterValue(
      `The value of DurationSeconds must be between ${MIN_DURATION} and ${MAX_DURATION} seconds.`,
    );
  }
  return seconds;
}

function clusterRefOf(ctx: OperationContext): ClusterRef {
  const id = str(ctx.input.ClusterIdentifier);
  if (!id) throw missingParameter("ClusterIdentifier");
  return { account: ctx.caller.account, region: ctx.region, clusterId: id };
}

const password = () => randomBytes(24).toString("base64url");

export function credentialOperations(world: World): Record<string, OperationDef> {
  return {
    GetClusterCredentials: {
      handler: (ctx) => {
        const dbUser = str(ctx.input.DbUser);
        if (!dbUser) throw missingParameter("DbUser");
        const duration = durationOf(ctx);
        const cluster = clusterRefOf(ctx);
        const autoCreate = bool(ctx.input.AutoCreate) ?? false;
        const denial = authorizeClusterCredentials(ctx.check, ctx.caller, {
          cluster,
          dbUser,
          dbName: str(ctx.input.DbName),
          autoCreate,
          dbGroups: memberList(ctx.input.DbGroups, "DbGroup"),
          durationSeconds: duration,
        });
        if (denial) throw redshiftAccessDenied(denial.message);
        const state = findCluster(world, cluster.account, cluster.region, cluster.clusterId);
        if (!state) throw clusterNotFound(cluster.clusterId);
        return {
          DbUser: `${autoCreate ? "IAMA" : "IAM"}:${dbUser}`,
          DbPassword: password(),
          Expiration: new Date(ctx.now.getTime() + duration * 1000),
        };
      },
    },

    GetClusterCredentialsWithIAM: {
      handler: (ctx) => {
        const duration = durationOf(ctx);
        const cluster = clusterRefOf(ctx);
        const denial = authorizeClusterCredentialsWithIam(ctx.check, ctx.caller, {
          cluster,
          dbName: str(ctx.input.DbName),
          durationSeconds: duration,
        });
        if (denial) throw redshiftAccessDenied(denial.message);
        const state = findCluster(world, cluster.account, cluster.region, cluster.clusterId);
        if (!state) throw clusterNotFound(cluster.clusterId);
        const expiration = new Date(ctx.now.getTime() + duration * 1000);
        return {
          DbUser: dbUserFor(ctx.caller),
          DbPassword: password(),
          Expiration: expiration,
          NextRefreshTime: expiration,
        };
      },
    },
  };
}
