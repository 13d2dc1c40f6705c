/**
 * The Data API's ListSchemas / ListTables / DescribeTable, answered from the Postgres catalog as the
 * calling user, so a user sees what their grants let them see (information_schema filters by
 * privilege, as Redshift's does).
 *
 * Temp tables another Data API session parked (session-state.js) are not listed.
 *
 * Known gaps: patterns use SQL LIKE (`%`, `_`) as the Data API does, but without its escape rules;
 * no paging (`NextToken`, `MaxResults`).
 */
import type { Database } from "./database.ts";
import { toColumnFromCatalog } from "./result-decoder.ts";
import type { Column, TableInfo } from "./types.ts";

export async function listSchemas(db: Database, user: string, pattern = "%"): Promise<string[]> {
  const r = await db.execute(
    "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE :pattern ORDER BY 1",
    { user, parameters: [{ name: "pattern", value: pattern }] },
  );
  return r.rows.map((row) => String(row[0]));
}

export async function listTables(
  db: Database,
  user: string,
  schemaPattern = "%",
  tablePattern = "%",
): Promise<TableInfo[]> {
  const r = await db.execute(
    `SELECT table_schema, table_name, CASE table_type WHEN 'BASE TABLE' THEN 'TABLE' ELSE table_type END
       FROM information_schema.tables
      WHERE table_schema LIKE :schema AND table_name LIKE :table
        AND table_schema NOT IN ('pg_catalog', 'information_schema')
        AND table_name NOT LIKE 'cc\\_session\\_parked\\_%'
      ORDER BY 1, 2`,
    {
      user,
      parameters: [
        { name: "schema", value: schemaPattern },
        { name: "table", value: tablePattern },
      ],
    },
  );
  return r.rows.map(([schema, name, type]) => ({
    schema: String(schema),
    name: String(name),
    type: String(type),
  }));
}

export async function describeTable(
  db: Database,
  user: string,
  schema: string,
  table: string,
): Promise<Column[]> {
  const r = await db.execute(
    `SELECT column_name, udt_name, is_nullable, character_maximum_length, numeric_precision, numeric_scale
       FROM information_schema.columns
      WHERE table_schema = :schema AND table_name = :table
      ORDER BY ordinal_position`,
    {
      user,
      parameters: [
        { name: "schema", value: schema },
        { name: "table", value: table },
      ],
    },
  );
  return r.rows.map((row) => toColumnFromCatalog(schema, table, row));
}
