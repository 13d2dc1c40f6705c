/**
 * Everything ExecuteStatement (and the catalog operations) does before any SQL runs, in AWS's
 * order (docs/failures.md 0.1, L4-01..L4-03, L3-01, L3-05..L3-08):
 * 1. the warehouse parameters (the Data API's cluster or workgroup): exactly one of
 *    ClusterIdentifier / WorkgroupName;
 * 2. `redshift-data:<Action>` on the cluster/workgroup ARN in the caller's account → 403
 *    AccessDeniedException;
 * 3. the warehouse in the caller's account and the request's region → else ValidationException
 *    "Redshift endpoint doesn't exist in this region.";
 * 4. the implicit credential step of the auth mode, whose denial is a ValidationException with
 *    IAM's text: SecretArn → Secrets Manager (readSecretForService); DbUser →
 *    GetClusterCredentials (dbuser + dbname ARNs); neither → GetClusterCredentialsWithIAM
 *    (`IAMR:<role>`); WorkgroupName → redshift-serverless:GetCredentials through the workgroup port.
 * The SQL login itself (user exists, password) happens when the statement runs, so its failure is
 * asynchronous (`FATAL: user "IAM:x" does not exist`, L3-03).
 *
 * Known gaps: a secret's dbClusterIdentifier is not compared with ClusterIdentifier; DbGroups are
 * never requested (the Data API sends none).
 */
import type { OperationContext } from "../core/types.ts";
import {
  authorizeClusterCredentials,
  authorizeClusterCredentialsWithIam,
  type ClusterState,
  clusterArn,
  type DbLogin,
  type DbSession,
  dbUserFor,
  findCluster,
  openClusterSession,
} from "../redshift/index.ts";
import { readSecretForService } from "../secrets-manager/index.ts";
import type { World } from "../world/world.ts";
import { authorizeOnWarehouse } from "./data-api-authorize.ts";
import {
  conflictingCredentials,
  conflictingWarehouses,
  endpointNotFound,
  missingWarehouse,
  validation,
} from "./data-api-errors.ts";
import type { WorkgroupLookup } from "./workgroup-port.ts";

/** The cluster or workgroup a Data API request names, with the login its credential step chose. */
export interface ResolvedWarehouse {
  account: string;
  region: string;
  clusterIdentifier?: string;
  workgroupName?: string;
  database: string;
  dbUser?: string;
  secretArn?: string;
  cluster?: ClusterState;
  /** The cluster's or workgroup's ARN, the resource `redshift-data:<Action>` is authorized on. */
  arn: string;
  /** A workgroup: its ARN (the `aws:SourceArn` COPY's role sessions carry) and its namespace's state. */
  workgroup?: { arn: string; copyState(): ClusterState };
  open(): Promise<DbSession>;
  /** Every database of the warehouse (ListDatabases). */
  databases(): string[];
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

export function resolveWarehouse(
  world: World,
  workgroups: WorkgroupLookup,
  ctx: OperationContext,
): ResolvedWarehouse {
  const input = ctx.input;
  const clusterId = str(input.ClusterIdentifier);
  const workgroupName = str(input.WorkgroupName);
  const secretArn = str(input.SecretArn);
  const dbUser = str(input.DbUser);
  let database = str(input.Database);
  if (!clusterId && !workgroupName) throw missingWarehouse();
  if (clusterId && workgroupName) throw conflictingWarehouses();
  if (secretArn && dbUser) throw conflictingCredentials();
  const account = ctx.caller.account;
  const region = ctx.region;
  const base = { account, region, clusterIdentifier: clusterId, workgroupName, dbUser, secretArn };

  let login: DbLogin | undefined;
  const readSecret = () => {
    const secret = readSecretForService(world, ctx.caller, secretArn!, region, { requestId: ctx.requestId });
    database ??= secret.dbname;
    return {
      loginName: secret.username,
      sqlUser: secret.username,
      autoCreate: false,
      password: secret.password,
    };
  };
  const requireDatabase = () => {
    if (!database) throw validation("Database is required when connecting with temporary credentials.");
    return database;
  };

  if (workgroupName) {
    const workgroup = workgroups(account, region, workgroupName);
    authorizeOnWarehouse(
      ctx,
      workgroup?.arn ?? `arn:aws:redshift-serverless:${region}:${account}:workgroup/${workgroupName}`,
      account,
    );
    if (!workgroup) throw endpointNotFound();
    if (secretArn) login = readSecret();
    const db = requireDatabase();
    if (!login) {
      const denial = workgroup.authorizeCredentials(ctx.check, ctx.caller, db);
      if (denial) throw validation(denial);
      login = workgroup.iamLogin(ctx.caller);
    }
    const chosen = login;
    return {
      ...base,
      database: db,
      dbUser: dbUser ?? (secretArn ? undefined : chosen.loginName),
      arn: workgroup.arn,
      open: () => workgroup.open(db, chosen),
      databases: () => workgroup.databases(),
      workgroup: { arn: workgroup.arn, copyState: () => workgroup.copyState() },
    };
  }

  const ref = { account, region, clusterId: clusterId! };
  authorizeOnWarehouse(ctx, clusterArn(ref), account);
  const cluster = findCluster(world, account, region, ref.clusterId);
  if (!cluster) throw endpointNotFound();
  if (secretArn) login = readSecret();
  const db = requireDatabase();
  if (!login && dbUser) {
    const denial = authorizeClusterCredentials(ctx.check, ctx.caller, { cluster: ref, dbUser, dbName: db });
    if (denial) throw validation(denial.message);
    login = { loginName: `IAM:${dbUser}`, sqlUser: dbUser, autoCreate: false };
  }
  if (!login) {
    const denial = authorizeClusterCredentialsWithIam(ctx.check, ctx.caller, { cluster: ref, dbName: db });
    if (denial) throw validation(denial.message);
    const name = dbUserFor(ctx.caller);
    login = { loginName: name, sqlUser: name, autoCreate: true };
  }
  const chosen = login;
  return {
    ...base,
    database: db,
    dbUser: dbUser ?? (secretArn ? undefined : chosen.loginName),
    arn: clusterArn(ref),
    cluster,
    open: () => openClusterSession(world, cluster, db, chosen),
    databases: () => cluster.spec.databases.filter((d) => !d.$delete).map((d) => d.name),
  };
}
