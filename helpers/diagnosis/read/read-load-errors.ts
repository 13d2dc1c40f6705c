/**
 * Reads a failed COPY's load errors through the Data API, as the statement's own DB user (STL and
 * SYS load-error tables show non-superusers only their own rows): `sys_load_error_detail` for the
 * query id (every deployment), then `stl_load_errors` (provisioned only) for the raw field value.
 * Credentials: B's role session from the run (local origin), else the B reader; the harness talks
 * to the target only through the SDK. A read that fails says why, it never throws.
 *
 * Known gaps: at most 5 rows; the poll gives up after ~10 s (the reads are tiny); a serverless
 * workgroup is read with WorkgroupName and the same user mapping as the chain.
 */
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { dataApiTarget } from "../../chain/statement.ts";
import type { DiagnoseContext } from "../narrow/diagnose-context.ts";
import { type ReadResult, tryRead } from "./read-access.ts";

export interface LoadErrorRow {
  line: number;
  column: string;
  code: number;
  message: string;
  file: string;
  rawValue?: string;
}

type Field = { stringValue?: string; longValue?: number; isNull?: boolean };

async function query(ctx: DiagnoseContext, sql: string): Promise<Field[][]> {
  const reader = ctx.access.bRoleSession ?? ctx.access.readerB;
  if (!reader) throw Object.assign(new Error("no reader in B"), { name: "NoReaderInB" });
  const client = new RedshiftDataClient(reader);
  const { Id } = await client.send(
    new ExecuteStatementCommand({
      ...dataApiTarget(ctx.config),
      Sql: sql,
      StatementName: "chaincheck-diagnosis",
    }),
  );
  for (let delay = 20, waited = 0; waited < 10_000; waited += delay, delay = Math.min(delay * 2, 500)) {
    const d = await client.send(new DescribeStatementCommand({ Id }));
    if (d.Status === "FINISHED") break;
    if (d.Status === "FAILED" || d.Status === "ABORTED")
      throw Object.assign(new Error(d.Error ?? d.Status), { name: `Statement${d.Status}` });
    await new Promise((r) => setTimeout(r, delay));
  }
  const result = await client.send(new GetStatementResultCommand({ Id }));
  return (result.Records ?? []) as Field[][];
}

const str = (f: Field | undefined) => (f?.isNull ? "" : String(f?.stringValue ?? f?.longValue ?? "").trim());

export async function readLoadErrors(
  ctx: DiagnoseContext,
  queryId: number,
): Promise<ReadResult<LoadErrorRow[]>> {
  const who = ctx.config.dbUser ?? "the chain's DB user";
  const sys = await tryRead(`select on sys_load_error_detail as ${who} through the Data API`, () =>
    query(
      ctx,
      `select line_number, trim(column_name), error_code, trim(error_message), trim(file_name) from sys_load_error_detail where query_id = ${queryId} order by line_number limit 5`,
    ),
  );
  if (!sys.ok) return sys;
  const rows: LoadErrorRow[] = sys.value.map((r) => ({
    line: Number(str(r[0])),
    column: str(r[1]),
    code: Number(str(r[2])),
    message: str(r[3]),
    file: str(r[4]),
  }));
  if (rows.length && ctx.config.clusterId) {
    // The raw value is only in STL (provisioned); without it the row still says enough.
    const stl = await tryRead("select on stl_load_errors", () =>
      query(
        ctx,
        `select line_number, trim(raw_field_value) from stl_load_errors where query = ${queryId} order by line_number limit 5`,
      ),
    );
    if (stl.ok)
      for (const r of stl.value) {
        const row = rows.find((x) => x.line === Number(str(r[0])));
        if (row) row.rawValue = str(r[1]);
      }
  }
  return { ok: true, value: rows };
}

/** One load error in a sentence: where, what, and Redshift's code. */
export function describeLoadError(row: LoadErrorRow): string {
  const raw = row.rawValue !== undefined ? ` (raw value '${row.rawValue}')` : "";
  return `line ${row.line} of ${row.file}, column ${row.column || "?"}: ${row.message}${raw} [error ${row.code}]`;
}
