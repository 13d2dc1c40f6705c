/**
 * Writes a COPY's load errors into STL_LOAD_ERRORS and SYS_LOAD_ERROR_DETAIL, owned by the
 * statement's user (both tables show users only their own rows; see emulator/sql/system-tables.ts).
 * https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
 * https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
 *
 * Values are cut to the columns' CHAR(n) widths, as Redshift stores them.
 *
 * Known gaps: `session`/`session_id` hold the synthetic pid of copy-failure.ts; `transaction_id`
 * is the query id.
 */
import type { Database } from "../../sql/index.ts";
import type { LoadError } from "../copy/index.ts";

export interface LoadErrorOwner {
  sqlUser: string;
  tableOid: number;
  queryId: number;
  pid: number;
}

const cut = (value: string, width: number) => value.slice(0, width);

export async function writeLoadErrors(
  db: Database,
  owner: LoadErrorOwner,
  errors: LoadError[],
): Promise<void> {
  for (const e of errors) {
    const common = [
      owner.sqlUser,
      String(owner.tableOid),
      String(owner.pid),
      String(owner.queryId),
      cut(e.filename, 256),
      String(e.lineNumber),
      cut(e.colname, 127),
      cut(e.type, 10),
      cut(e.colLength, 10),
      String(e.position),
    ];
    await db.adminExecute(
      `INSERT INTO pg_catalog.stl_load_errors
         (userid, tbl, session, query, filename, line_number, colname, type, col_length, position,
          raw_line, raw_field_value, err_code, err_reason)
       SELECT r.oid::int, $2::int, $3::int, $4::int, $5, $6::bigint, $7, $8, $9, $10::int, $11, $12, $13::int, $14
         FROM pg_catalog.pg_roles r WHERE r.rolname = $1`,
      [...common, cut(e.rawLine, 1024), cut(e.rawFieldValue, 1024), String(e.errCode), cut(e.errReason, 100)],
    );
    await db.adminExecute(
      `INSERT INTO pg_catalog.sys_load_error_detail
         (user_id, table_id, session_id, query_id, transaction_id, file_name, line_number, column_name,
          column_type, column_length, position, error_code, error_message)
       SELECT r.oid::int, $2::int, $3::int, $4::bigint, $4::bigint, $5, $6::bigint, $7, $8, $9, $10::int,
              $11::int, $12
         FROM pg_catalog.pg_roles r WHERE r.rolname = $1`,
      [...common, String(e.errCode), cut(e.errReason, 512)],
    );
  }
}
