/**
 * Redshift system tables and views the harness reads, created in the template.
 *
 * `stl_load_errors` and `sys_load_error_detail` are real tables (a COPY implementation inserts into
 * them through `Database.adminExecute`) with Redshift's documented columns:
 * https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
 * https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
 * "Superusers can see all rows; regular users can see only their own data": modelled with
 * row-level security on the user id column (the role's oid, which is also `pg_user.usesysid`).
 *
 * `svv_tables` is a view over information_schema.tables (r_SVV_TABLES). `pg_user` already exists
 * in Postgres with Redshift's column names.
 *
 * `svv_iam_privileges` lists the ASSUMEROLE grants a setup declares (the ASSUMEROLE convention of
 * docs/setup-format.md): empty while Redshift's default (PUBLIC may use every role) holds [I].
 *
 * Known gaps: no STL_LOADERROR_DETAIL, SYS_LOAD_DETAIL, STL_QUERY, SVV_TABLE_INFO, STV_TBL_PERM;
 * `slice` is always 0; CHAR(n) columns keep Postgres' blank padding as Redshift does.
 */

const LOAD_ERROR_OWNER_ID = "pg_catalog.redshift_user_id()";

export const SYSTEM_TABLES_SQL: readonly string[] = [
  // current_database() answers "postgres" in PGlite; the seed replaces this with the Redshift name.
  `CREATE FUNCTION pg_catalog.redshift_database_name() RETURNS text LANGUAGE sql STABLE AS
     $$ SELECT current_database()::text $$`,
  // Redshift's user ids are pg_user.usesysid; here that is the role's oid.
  `CREATE FUNCTION pg_catalog.redshift_user_id() RETURNS integer LANGUAGE sql STABLE AS
     $$ SELECT oid::integer FROM pg_catalog.pg_roles WHERE rolname = current_user $$`,
  `CREATE TABLE pg_catalog.stl_load_errors (
     userid integer NOT NULL DEFAULT ${LOAD_ERROR_OWNER_ID},
     slice integer NOT NULL DEFAULT 0,
     tbl integer,
     starttime timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
     session integer,
     query integer,
     filename character(256),
     line_number bigint,
     colname character(127),
     type character(10),
     col_length character(10),
     position integer,
     raw_line character(1024),
     raw_field_value character(1024),
     err_code integer,
     err_reason character(100)
   )`,
  `CREATE TABLE pg_catalog.sys_load_error_detail (
     user_id integer NOT NULL DEFAULT ${LOAD_ERROR_OWNER_ID},
     query_id bigint,
     transaction_id bigint,
     session_id integer,
     database_name character(64) DEFAULT pg_catalog.redshift_database_name(),
     table_id integer,
     start_time timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
     file_name character(256),
     line_number bigint,
     column_name character(127),
     column_type character(10),
     column_length character(10),
     position integer,
     error_code integer,
     error_message character(512)
   )`,
  "ALTER TABLE pg_catalog.stl_load_errors ENABLE ROW LEVEL SECURITY",
  "ALTER TABLE pg_catalog.sys_load_error_detail ENABLE ROW LEVEL SECURITY",
  `CREATE POLICY own_rows ON pg_catalog.stl_load_errors FOR SELECT TO PUBLIC
     USING (userid = ${LOAD_ERROR_OWNER_ID})`,
  `CREATE POLICY own_rows ON pg_catalog.sys_load_error_detail FOR SELECT TO PUBLIC
     USING (user_id = ${LOAD_ERROR_OWNER_ID})`,
  "GRANT SELECT ON pg_catalog.stl_load_errors, pg_catalog.sys_load_error_detail TO PUBLIC",
  `CREATE VIEW pg_catalog.svv_tables AS
     SELECT table_catalog::varchar(128) AS table_catalog, table_schema::varchar(128) AS table_schema,
            table_name::varchar(128) AS table_name, table_type::varchar(128) AS table_type,
            NULL::varchar(128) AS remarks
     FROM information_schema.tables`,
  "GRANT SELECT ON pg_catalog.svv_tables TO PUBLIC",
  // r_SVV_TABLE_INFO: one row per user table the caller may read. Storage columns Postgres has no
  // equivalent for are constants (no distribution, no sort keys, nothing unsorted); size is in
  // 1 MB blocks; tbl_rows is a real count (Postgres' reltuples is only an estimate).
  `CREATE VIEW pg_catalog.svv_table_info AS
     SELECT pg_catalog.redshift_database_name()::text AS database, n.nspname::text AS schema,
            c.oid::integer AS table_id, c.relname::text AS "table", 'N'::char(1) AS encoded,
            'AUTO(ALL)'::text AS diststyle, NULL::text AS sortkey1, 0 AS max_varchar,
            NULL::text AS sortkey1_enc, 0 AS sortkey_num,
            ceil(pg_catalog.pg_total_relation_size(c.oid) / 1048576.0)::bigint AS size,
            0::numeric(10,4) AS pct_used, 0::numeric(10,4) AS empty, 0::numeric(5,2) AS unsorted,
            0::numeric(5,2) AS stats_off, t.n::numeric(38,0) AS tbl_rows,
            NULL::numeric(12,2) AS skew_sortkey1, NULL::numeric(12,2) AS skew_rows,
            t.n::numeric(38,0) AS estimated_visible_rows,
            NULL::varchar(100) AS risk_event, NULL::numeric(12,2) AS vacuum_sort_benefit,
            NULL::timestamp AS create_time
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL (SELECT (pg_catalog.xpath('/row/n/text()', pg_catalog.query_to_xml(
         format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint
       AS n) t
     WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%'
       AND pg_catalog.has_table_privilege(c.oid, 'SELECT')`,
  "GRANT SELECT ON pg_catalog.svv_table_info TO PUBLIC",
  // r_SVV_IAM_PRIVILEGES: the explicit ASSUMEROLE grants (rows written by the cluster's seed from its
  // setup's `iam_role` grants, emulator/redshift/database-seed.ts). Superusers see every row, other
  // users the rows granted to them or to PUBLIC. identity_id is the user's id (pg_user.usesysid).
  `CREATE TABLE pg_catalog.chaincheck_iam_privileges (
     iam_arn text NOT NULL, command_type text NOT NULL, identity_name text NOT NULL, identity_type text NOT NULL
   )`,
  `CREATE VIEW pg_catalog.svv_iam_privileges AS
     SELECT p.iam_arn, p.command_type,
            COALESCE((SELECT r.oid::integer FROM pg_catalog.pg_roles r WHERE r.rolname = p.identity_name), 0)
              AS identity_id,
            p.identity_name, p.identity_type
     FROM pg_catalog.chaincheck_iam_privileges p
     WHERE p.identity_type = 'public' OR p.identity_name = current_user::text
        OR (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)`,
  "GRANT SELECT ON pg_catalog.svv_iam_privileges TO PUBLIC",
];
