/**
 * The default WorkgroupResolver: Redshift Serverless workgroups from `emulator/redshift-serverless/`
 * (their ARN, the implicit `redshift-serverless:GetCredentials` check, `IAMR:<role>` users) and a
 * SQL database per namespace database, seeded from the namespace's setup entry the way a cluster's
 * databases are (admin user = master user; `dbName` always exists).
 * A resolver registered with `setWorkgroupResolver` replaces this one.
 *
 * Known gaps: the namespace's databases share the SQL engine key space with clusters under the id
 * `serverless:<namespace>`; users auto-created on one workgroup are per namespace, as in AWS.
 */
import type { Caller } from "../core/types.ts";
import { type ClusterState, openClusterSession } from "../redshift/index.ts";
import {
  authorizeServerlessCredentials,
  findWorkgroup as findServerlessWorkgroup,
  ServerlessCredentialsError,
  type ServerlessNamespace,
  serverlessDbUserFor,
} from "../redshift-serverless/index.ts";
import type { World } from "../world/world.ts";
import type { WorkgroupAccess } from "./workgroup-port.ts";

const warehouses = new WeakMap<ServerlessNamespace, ClusterState>();

/** The namespace seen as a warehouse: same seeding and login rules as a provisioned cluster. */
function warehouseOf(ns: ServerlessNamespace): ClusterState {
  let state = warehouses.get(ns);
  if (!state) {
    const spec = ns.spec;
    const databases = spec.databases.some((d) => d.name === spec.dbName)
      ? spec.databases
      : [{ name: spec.dbName, tables: [], sql: [] }, ...spec.databases];
    state = {
      account: ns.account,
      region: ns.region,
      clusterId: `serverless:${ns.name}`,
      spec: {
        ...spec,
        masterUsername: spec.adminUsername,
        masterPassword: spec.adminPassword,
        databases,
      } as never,
      createTime: ns.creationDate,
      iamRoles: [...spec.iamRoles],
      defaultIamRole: spec.defaultIamRole,
      createdUsers: new Set(),
    };
    warehouses.set(ns, state);
  }
  return state;
}

export function serverlessWorkgroup(
  world: World,
  account: string,
  region: string,
  name: string,
): WorkgroupAccess | undefined {
  const workgroup = findServerlessWorkgroup(world, account, region, name);
  if (!workgroup) return undefined;
  const warehouse = warehouseOf(workgroup.namespace);
  return {
    arn: workgroup.arn,
    name: workgroup.name,
    authorizeCredentials(_check, caller: Caller, database: string) {
      try {
        authorizeServerlessCredentials(world, caller, workgroup, database);
        return undefined;
      } catch (error) {
        if (error instanceof ServerlessCredentialsError) return error.message;
        throw error;
      }
    },
    iamLogin(caller: Caller) {
      const name = serverlessDbUserFor(caller);
      return { loginName: name, sqlUser: name, autoCreate: true };
    },
    open: (database, login) => openClusterSession(world, warehouse, database, login),
    databases: () => warehouse.spec.databases.filter((d) => !d.$delete).map((d) => d.name),
  };
}
