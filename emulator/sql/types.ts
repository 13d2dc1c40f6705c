/** Public types of the SQL engine (see `sql-engine.ts`). */
import type { SqlParameter } from "./parameters.ts";

/** A database is one per (account, cluster or workgroup, database name). */
export interface DatabaseKey {
  account: string;
  clusterId: string;
  database: string;
}

export interface SeedUser {
  /** The Redshift user name as Redshift stores it, e.g. `IAM:app_user`, `IAMR:MyRole`, `awsuser`. */
  name: string;
  /** Kept only as a salted hash in the host, for `Database.authenticate`. */
  password?: string;
  superuser?: boolean;
  groups?: string[];
}

export interface SeedGrant {
  /** A user name, `group <name>` or `public`. */
  to: string;
  /** SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, USAGE, CREATE, TEMP, EXECUTE, ALL. */
  privileges: string[];
  /** `schema public` | `table public.t` | `all tables in schema public`. */
  on: string;
}

export interface DatabaseSeed {
  /** The cluster's admin user; created as a superuser, runs `initSql`. */
  masterUser: string;
  masterPassword?: string;
  users: SeedUser[];
  groups?: string[];
  grants?: SeedGrant[];
  /** Redshift SQL run as the master user after users and groups exist, before the grants. */
  initSql?: string[];
}

/** Column metadata, shaped after the Data API's ColumnMetadata. */
export interface Column {
  name: string;
  label: string;
  /** Postgres/Redshift type name as the Data API reports it: `int4`, `varchar`, `numeric`, `timestamp`. */
  typeName: string;
  /** 0 = NOT NULL, 1 = nullable, 2 = unknown (computed). */
  nullable: 0 | 1 | 2;
  /** Character length for char/varchar, else 0. */
  length: number;
  precision: number;
  scale: number;
  isCaseSensitive: boolean;
  isSigned: boolean;
  isCurrency: boolean;
  schemaName: string;
  tableName: string;
}

/** int2/int4/float → number, int8 → number (string past 2^53), bool → boolean, else Postgres text. */
export type SqlValue = string | number | boolean | null;

export interface ExecuteResult {
  columns: Column[];
  rows: SqlValue[][];
  /** Rows returned (SELECT) or affected (INSERT/UPDATE/DELETE/COPY). */
  rowCount: number;
  /** Command tag without counts: `SELECT`, `INSERT`, `CREATE TABLE`. */
  command: string;
  /** Per-database query id, the one a cancel message names. */
  queryId: number;
  /** UTF-8 bytes of every non-null value's text (the Data API's ResultSize), when already counted. */
  textBytes?: number;
}

export interface ExecuteOptions {
  /** The database user the statement runs as. */
  user: string;
  /** Data API named parameters for `:name` placeholders. */
  parameters?: SqlParameter[];
  /** Aborting cancels the statement (see `worker-host.ts` for what that costs). */
  signal?: AbortSignal;
  /** A Data API session id: run in that session's state, kept between calls (`session-state.js`). */
  session?: string;
}

export interface CopyFormat {
  /** Postgres COPY format; Redshift's default text format is `text` with `|` as delimiter. */
  format?: "csv" | "text";
  delimiter?: string;
  null?: string;
  header?: boolean;
  quote?: string;
  escape?: string;
  encoding?: string;
}

export interface CopyFromBlobOptions extends CopyFormat {
  user: string;
  /** Unquoted names, as Redshift resolved them. */
  table: { schema?: string; name: string };
  columns?: string[];
  data: Uint8Array | string;
  signal?: AbortSignal;
  /** A Data API session: load in its state (its temp tables). */
  session?: string;
}

export interface TableInfo {
  schema: string;
  name: string;
  /** `TABLE` or `VIEW`, as the Data API's ListTables reports. */
  type: string;
}
