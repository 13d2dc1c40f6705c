/**
 * The serverless workgroups as the Data API's workgroup port (emulator/redshift-data/
 * workgroup-port.ts): emulator/assemble.ts builds the Data API with `workgroupLookup(world)`, so
 * `ExecuteStatement(WorkgroupName=…)` finds the workgroup, runs the implicit
 * `redshift-serverless:GetCredentials` check and opens a SQL session on the namespace's database.
 *
 * The namespace's databases live in the same SQL engine as provisioned clusters, under a key that
 * no cluster identifier can take (`serverless.<namespace>`, a dot is not allowed in cluster ids).
 * The admin user plays the master user's part; the namespace's `dbName` exists even when the setup
 * lists no database (AWS creates it with the namespace). Logins through GetCredentials
 * (`IAMR:<role>`, `IAM:<user>`) are created on first login with no grants, as Redshift Serverless
 * does. https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-iam.html
 *
 * COPY on a workgroup resolves IAM_ROLE against the namespace's `iamRoles` and default role
 * (`copyState`), as Redshift Serverless does.
 * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-iam.html
 */
import { type ClusterState, type DbLogin, dbUserFor, openClusterSession } from "../redshift/index.ts";
import type { WorkgroupAccess, WorkgroupLookup } from "../redshift-data/workgroup-port.ts";
import type { World } from "../world/world.ts";
import { serverlessCredentialsDenial } from "./serverless-credentials.ts";
import { findWorkgroup, type ServerlessNamespace, type ServerlessWorkgroup } from "./serverless-store.ts";

function databaseNames(ns: ServerlessNamespace): string[] {
  const names = ns.spec.databases.filter((d) => !d.$delete).map((d) => d.name);
  return names.includes(ns.spec.dbName) ? names : [ns.spec.dbName, ...names];
}

/** The namespace seen as the cluster-shaped state the SQL layer opens databases for (kept on it). */
function namespaceCluster(ns: ServerlessNamespace): ClusterState {
  if (ns.sqlState) return ns.sqlState;
  const databases = databaseNames(ns).map(
    (name) => ns.spec.databases.find((d) => d.name === name) ?? { name, tables: [], sql: [] },
  );
  ns.sqlState = {
    account: ns.account,
    region: ns.region,
    clusterId: `serverless.${ns.name}`,
    spec: {
      ...ns.spec,
      id: `serverless.${ns.name}`,
      masterUsername: ns.spec.adminUsername,
      masterPassword: ns.spec.adminPassword,
      databases,
      nodeType: "serverless",
      numberOfNodes: 1,
      port: 5439,
      status: "available",
      encrypted: true,
      enhancedVpcRouting: false,
      publiclyAccessible: false,
    } satisfies ClusterState["spec"],
    createTime: ns.creationDate,
    iamRoles: [...ns.spec.iamRoles],
    defaultIamRole: ns.spec.defaultIamRole,
    createdUsers: new Set(),
  };
  return ns.sqlState;
}

export function workgroupAccess(world: World, wg: ServerlessWorkgroup): WorkgroupAccess {
  return {
    arn: wg.arn,
    name: wg.name,
    authorizeCredentials: (check, caller) => serverlessCredentialsDenial(check, caller, wg),
    iamLogin(caller): DbLogin {
      const user = dbUserFor(caller);
      return { loginName: user, sqlUser: user, autoCreate: true };
    },
    open: (database, login) => openClusterSession(world, namespaceCluster(wg.namespace), database, login),
    databases: () => databaseNames(wg.namespace),
    copyState: () => namespaceCluster(wg.namespace),
  };
}

/** The world's serverless workgroups, as the Data API looks them up. */
export function workgroupLookup(world: World): WorkgroupLookup {
  return (account, region, name) => {
    const wg = findWorkgroup(world, account, region, name);
    return wg ? workgroupAccess(world, wg) : undefined;
  };
}
