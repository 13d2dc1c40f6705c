/**
 * The COPY's target table as the catalog has it: oid (STL_LOAD_ERRORS.tbl), schema, name and
 * columns with Postgres type names for `planLoad`. Read as the engine (the user's privileges are
 * checked by the load itself, with the SQL engine's own wording).
 *
 * A missing table is Redshift's `Cannot COPY into nonexistent table <t>` (SQLSTATE XX000, quoted
 * by estuary/connectors#918).
 *
 * In a Data API session the lookup runs in the session's state, so its temp tables and search_path
 * resolve the name.
 *
 * Known gaps: outside sessions an unqualified name resolves through the engine's default
 * search_path (`"$user", public` for the engine role), not the statement user's.
 */
import { quoteIdent } from "../../sql/identifiers.ts";
import { type Database, SqlError } from "../../sql/index.ts";
import type { CopyTarget, TableColumn } from "../copy/index.ts";

export interface TargetTable {
  oid: number;
  schema: string;
  name: string;
  columns: TableColumn[];
  /** The query id of the lookup: the COPY's query id (DescribeStatement RedshiftQueryId, STL rows). */
  queryId: number;
}

export async function targetTable(db: Database, target: CopyTarget, session?: string): Promise<TargetTable> {
  const qualified = [target.schema, target.name]
    .filter((p): p is string => p !== undefined)
    .map(quoteIdent)
    .join(".");
  const found = await db.adminExecute(
    `SELECT c.oid::int, n.nspname::text, c.relname::text
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = pg_catalog.to_regclass($1) AND c.relkind IN ('r', 'p')`,
    [qualified],
    session,
  );
  const row = found.rows[0];
  if (!row) throw new SqlError(`Cannot COPY into nonexistent table ${target.name}`, { code: "XX000" });
  const oid = Number(row[0]);
  const columns = await db.adminExecute(
    `SELECT a.attname::text, pg_catalog.format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
            CASE WHEN a.atttypid IN (1042, 1043) AND a.atttypmod > 4 THEN a.atttypmod - 4 END
       FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [String(oid)],
    session,
  );
  return {
    oid,
    schema: String(row[1]),
    name: String(row[2]),
    queryId: found.queryId,
    columns: columns.rows.map(([name, type, nullable, maxLength]) => ({
      name: String(name),
      type: String(type),
      nullable: nullable === true || nullable === "t",
      ...(maxLength === null || maxLength === undefined ? {} : { maxLength: Number(maxLength) }),
    })),
  };
}
