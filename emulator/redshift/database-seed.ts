/**
 * A cluster's setup entry → the SQL engine's DatabaseSeed for one of its databases.
 *
 * How DB users in setups map to SQL roles (Redshift semantics, docs/architecture.md):
 * - `dbUsers[].name` is the Redshift user name and the SQL role name (`app_user`); users and groups
 *   are cluster-wide, so every database of the cluster gets all of them.
 * - GetClusterCredentials' `IAM:app_user` / `IAMA:app_user` are *login* forms of the user `app_user`
 *   (see `database-login.ts`); `IAMR:<role>` / `IAM:<user>` from GetClusterCredentialsWithIAM are
 *   real user names, created on first login, with no grants.
 * - grants apply to the database they name (or every database when they name none); a
 *   `database <db>` grant (CREATE/TEMP) applies in that database; ASSUMEROLE (`iam_role … for copy`)
 *   grants are not SQL grants and are left to COPY; they are listed in `svv_iam_privileges`.
 * - tables are created by the master user, rows inserted, then ownership moved to `owner`.
 *
 * Known gaps: none specific to grants beyond the SQL engine's (users and groups share a namespace).
 */
import type { DatabaseSeed, SeedGrant } from "../sql/index.ts";
import type { ClusterSpec } from "./cluster-store.ts";

type DatabaseSpec = ClusterSpec["databases"][number];
type TableSpec = DatabaseSpec["tables"][number];

const SQL_GRANT_TARGET = /^(table\s+\S+|all tables in schema\s+\S+|schema\s+\S+)$/i;
const DATABASE_GRANT_TARGET = /^database\s+(\S+)$/i;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function literal(value: string | number | boolean | null): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

function tableSql(table: TableSpec, master: string): string[] {
  const name = `${ident(table.schema)}.${ident(table.name)}`;
  const out: string[] = [];
  if (table.schema !== "public") out.push(`CREATE SCHEMA IF NOT EXISTS ${ident(table.schema)}`);
  out.push(`CREATE TABLE ${name} (${table.columns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
  if (table.rows.length > 0) {
    out.push(
      `INSERT INTO ${name} VALUES ${table.rows.map((r) => `(${r.map(literal).join(", ")})`).join(", ")}`,
    );
  }
  if (table.owner && table.owner !== master) out.push(`ALTER TABLE ${name} OWNER TO ${ident(table.owner)}`);
  return out;
}

const IAM_ROLE_GRANT = /^iam_role\s+(.+?)(?:\s+for\s+(\w+(?:\s+\w+)?))?$/i;

/** Rows of svv_iam_privileges (emulator/sql/system-tables.ts) for the cluster's ASSUMEROLE grants. */
function iamPrivilegeSql(spec: ClusterSpec): string[] {
  return spec.grants.flatMap((g) => {
    const match = IAM_ROLE_GRANT.exec(g.on.trim());
    const privileges = g.privileges.map((p) => p.toUpperCase());
    if (!match || !(privileges.includes("ASSUMEROLE") || privileges.includes("ALL"))) return [];
    const to = g.to.trim();
    const kind = /^(group|role)\s+(.+)$/i.exec(to);
    const [type, name] = kind
      ? [kind[1].toLowerCase(), kind[2]]
      : to.toLowerCase() === "public"
        ? ["public", "public"]
        : ["user", to];
    const roles = match[1].trim().replace(/^'(.*)'$/, "$1");
    const command = (match[2] ?? "all").toUpperCase();
    return [
      `INSERT INTO pg_catalog.chaincheck_iam_privileges VALUES (${[roles, command, name, type].map(literal).join(", ")})`,
    ];
  });
}

export function databaseSeed(spec: ClusterSpec, database: string): DatabaseSeed {
  const db = spec.databases.find((d) => d.name === database && !d.$delete);
  const grants: SeedGrant[] = spec.grants
    .filter(
      (g) =>
        ((g.database === undefined || g.database === database) && SQL_GRANT_TARGET.test(g.on.trim())) ||
        DATABASE_GRANT_TARGET.exec(g.on.trim())?.[1] === database,
    )
    .map((g) => ({ to: g.to, privileges: g.privileges, on: g.on }));
  return {
    masterUser: spec.masterUsername,
    masterPassword: spec.masterPassword,
    users: spec.dbUsers
      .filter((u) => !u.$delete)
      .map((u) => ({ name: u.name, password: u.password, superuser: u.superuser, groups: u.groups })),
    groups: spec.dbGroups.filter((g) => !g.$delete).map((g) => g.name),
    grants,
    initSql: [
      ...(db?.tables ?? []).filter((t) => !t.$delete).flatMap((t) => tableSql(t, spec.masterUsername)),
      ...(db?.sql ?? []),
      ...iamPrivilegeSql(spec),
    ],
  };
}

export function hasDatabase(spec: ClusterSpec, database: string): boolean {
  return spec.databases.some((d) => d.name === database && !d.$delete);
}
