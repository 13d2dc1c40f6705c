/**
 * Turns a database seed into the SQL that creates it. Redshift users and groups become Postgres
 * roles (users LOGIN, groups NOLOGIN), so `GRANT … TO GROUP g` and `TO "IAM:x"` work natively.
 * Passwords never reach Postgres (they stay hashed in the host, see `Database.authenticate`),
 * so no statement built here carries a secret.
 *
 * Known gap: Redshift keeps users and groups in separate namespaces; here a user and a group with
 * the same name collide.
 */
import { quoteIdent, quoteLiteral, quoteQualified } from "./identifiers.ts";
import type { DatabaseKey, DatabaseSeed, SeedGrant } from "./types.ts";

export interface SeedPlan {
  /** Run by the engine's own superuser. */
  roles: string[];
  /** Run as the master user, one statement each. */
  init: string[];
  /** Run by the engine's own superuser after `init`. */
  grants: string[];
}

const PRIVILEGES = new Set([
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "TRUNCATE",
  "REFERENCES",
  "TRIGGER",
  "USAGE",
  "CREATE",
  "TEMP",
  "TEMPORARY",
  "EXECUTE",
  "ALL",
  "ALL PRIVILEGES",
]);

export function seedPlan(key: DatabaseKey, seed: DatabaseSeed): SeedPlan {
  const groups = new Set(seed.groups ?? []);
  for (const user of seed.users) for (const g of user.groups ?? []) groups.add(g);
  const roles = [...groups].map((g) => `CREATE ROLE ${quoteIdent(g)} NOLOGIN`);
  roles.push(`CREATE ROLE ${quoteIdent(seed.masterUser)} LOGIN SUPERUSER CREATEROLE CREATEDB`);
  for (const user of seed.users) {
    if (user.name === seed.masterUser) continue;
    roles.push(`CREATE ROLE ${quoteIdent(user.name)} LOGIN${user.superuser ? " SUPERUSER" : ""}`);
    for (const g of user.groups ?? []) roles.push(`GRANT ${quoteIdent(g)} TO ${quoteIdent(user.name)}`);
  }
  // current_database() answers "postgres" in PGlite; sys_load_error_detail.database_name defaults
  // to this function instead (see system-tables.ts).
  roles.push(
    `CREATE OR REPLACE FUNCTION pg_catalog.redshift_database_name() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT ${quoteLiteral(key.database)}::text $$`,
  );
  return { roles, init: seed.initSql ?? [], grants: (seed.grants ?? []).map(grantStatement) };
}

export function grantStatement(grant: SeedGrant): string {
  const privileges = grant.privileges.map((p) => p.trim().toUpperCase());
  const bad = privileges.find((p) => !PRIVILEGES.has(p));
  if (bad || privileges.length === 0)
    throw new Error(`seed grant: unknown privilege ${JSON.stringify(bad ?? "")}`);
  return `GRANT ${privileges.join(", ")} ON ${grantTarget(grant.on)} TO ${grantee(grant.to)}`;
}

function grantTarget(on: string): string {
  const text = on.trim();
  let m = /^schema\s+(.+)$/i.exec(text);
  if (m) return `SCHEMA ${quoteQualified(m[1])}`;
  m = /^all\s+tables\s+in\s+schema\s+(.+)$/i.exec(text);
  if (m) return `ALL TABLES IN SCHEMA ${quoteQualified(m[1])}`;
  m = /^table\s+(.+)$/i.exec(text);
  if (m) return `TABLE ${quoteQualified(m[1])}`;
  // Databases carry the setup's name (see template.ts), so CREATE/TEMP on a database is a real grant.
  m = /^database\s+(.+)$/i.exec(text);
  if (m) return `DATABASE ${quoteIdent(m[1].trim())}`;
  throw new Error(`seed grant: cannot read target ${JSON.stringify(on)}`);
}

function grantee(to: string): string {
  const m = /^group\s+(.+)$/i.exec(to.trim());
  if (m) return `GROUP ${quoteIdent(m[1].trim())}`;
  if (to.trim().toLowerCase() === "public") return "PUBLIC";
  return quoteIdent(to);
}
