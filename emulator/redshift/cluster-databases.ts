/**
 * The SQL side of provisioned clusters: the world's SQL engine (`world.sql`, created on first use,
 * so a world that never runs SQL starts no PGlite), one database per (account, cluster, database name), and
 * the login step that turns a credential into the SQL role a statement runs as.
 *
 * Login (Redshift semantics; docs/failures.md L3-03, L3-05):
 * - `IAM:<u>` (GetClusterCredentials) logs in as the existing user `<u>`; if there is none:
 *   `FATAL: user "IAM:<u>" does not exist`.
 * - `IAMA:<u>` (AutoCreate) creates `<u>` with PUBLIC permissions when missing.
 * - `IAMR:<role>` / `IAM:<user>` (GetClusterCredentialsWithIAM) are user names of their own,
 *   created on first login with no grants.
 * - a secret's `username` logs in with its password (Database.authenticate).
 * An unknown database is `FATAL: database "<db>" does not exist`.
 *
 * Known gaps: users auto-created here are not visible to `pg_user` of databases not yet opened until
 * their first login there.
 */
import { type Database, SqlError } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import type { ClusterState } from "./cluster-store.ts";
import { databaseSeed, hasDatabase } from "./database-seed.ts";

export interface DbLogin {
  /** The name Redshift shows in login errors: `IAM:app_user`, `IAMR:MyRole`, `app_user`. */
  loginName: string;
  /** The SQL role the statement runs as. */
  sqlUser: string;
  /** Create the user on first login (AutoCreate, WithIAM). */
  autoCreate: boolean;
  /** Secrets Manager mode: checked against the user's password. Never logged. */
  password?: string;
}

export interface DbSession {
  db: Database;
  sqlUser: string;
}

export function clusterDatabase(world: World, cluster: ClusterState, database: string): Promise<Database> {
  if (!hasDatabase(cluster.spec, database)) {
    return Promise.reject(
      new SqlError(`database "${database}" does not exist`, { code: "3D000", severity: "FATAL" }),
    );
  }
  return world.sql.database(
    { account: cluster.account, clusterId: cluster.clusterId, database },
    databaseSeed(cluster.spec, database),
  );
}

async function roleExists(db: Database, name: string): Promise<boolean> {
  const r = await db.adminExecute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1 AND rolcanlogin", [
    name,
  ]);
  return r.rowCount > 0;
}

/** Opens a session on a cluster database for a login; SQL-level failures throw SqlError. */
export async function openClusterSession(
  world: World,
  cluster: ClusterState,
  database: string,
  login: DbLogin,
): Promise<DbSession> {
  const db = await clusterDatabase(world, cluster, database);
  if (!(await roleExists(db, login.sqlUser))) {
    if (!login.autoCreate && !cluster.createdUsers.has(login.sqlUser)) {
      throw new SqlError(`user "${login.loginName}" does not exist`, { code: "28000", severity: "FATAL" });
    }
    const quoted = `"${login.sqlUser.replaceAll('"', '""')}"`;
    await db.adminExecute(`CREATE ROLE ${quoted} LOGIN`);
    cluster.createdUsers.add(login.sqlUser);
  }
  if (login.password !== undefined) await db.authenticate(login.sqlUser, login.password);
  return { db, sqlUser: login.sqlUser };
}
