/**
 * What the template database contains beyond `initdb`: the Redshift shims, the system tables, and
 * the hardening that lets the engine run user SQL under a non-superuser identity.
 */
import { DIALECT_FUNCTIONS_SQL } from "./dialect-functions.ts";
import { SYSTEM_TABLES_SQL } from "./system-tables.ts";

export const TEMPLATE_SQL: readonly string[] = [
  // Tables in pg_catalog need this; it is superuser-settable at run time since Postgres 12.
  "SET allow_system_table_mods = on",
  ...DIALECT_FUNCTIONS_SQL,
  ...SYSTEM_TABLES_SQL,
  "RESET allow_system_table_mods",
  // set_config('session_authorization', …) would undo the engine's SET SESSION AUTHORIZATION
  // (the authenticated user underneath is a superuser, so Postgres would allow it).
  "REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC",
  // Redshift keeps the pre-Postgres-15 default: every user may create in schema public.
  "GRANT CREATE ON SCHEMA public TO PUBLIC",
];
