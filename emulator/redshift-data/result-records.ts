/**
 * GetStatementResult's body: typed fields, ColumnMetadata and paging.
 * Fields: int2/int4/int8/oid → longValue, float4/float8 → doubleValue, bool → booleanValue,
 * NULL → isNull, everything else (numeric/decimal, varchar, dates, timestamps) → stringValue, as
 * the Data API does. https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_Field.html
 * ColumnMetadata: `length` is 0 and `precision` carries the type's precision (int4 → 10,
 * varchar(32) → 32, numeric(10,2) → 10), as the Data API reports result columns.
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ColumnMetadata.html
 *
 * Paging: a page holds at most PAGE_BYTES of field text [I] (AWS pages large results with NextToken
 * but documents no page size); the token is opaque base64 of (statement id, offset).
 *
 * CSV (GetStatementResultV2, `ResultFormat: CSV`): one `CSVRecords` text per page, RFC 4180
 * quoting, NULL as an empty field, no header line (the names are in ColumnMetadata) [I].
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_GetStatementResultV2.html
 *
 * Known gaps: int8 values past 2^53 lose precision in longValue; no blobValue (varbyte).
 */
import type { Column, ExecuteResult, SqlValue } from "../sql/index.ts";
import { validation } from "./data-api-errors.ts";

const PAGE_BYTES = 1024 * 1024;
const LONG = new Set(["int2", "int4", "int8", "oid"]);
const DOUBLE = new Set(["float4", "float8"]);
const PRECISION: Record<string, number> = {
  int2: 5,
  int4: 10,
  int8: 19,
  oid: 10,
  float4: 8,
  float8: 17,
  bool: 1,
};

export type Field =
  | { isNull: true }
  | { longValue: number }
  | { doubleValue: number }
  | { booleanValue: boolean }
  | { stringValue: string };

export function toField(typeName: string, value: SqlValue): Field {
  if (value === null) return { isNull: true };
  if (LONG.has(typeName)) return { longValue: Number(value) };
  if (DOUBLE.has(typeName)) return { doubleValue: Number(value) };
  if (typeName === "bool") return { booleanValue: value === true || value === "t" };
  return { stringValue: String(value) };
}

export function columnMetadata(column: Column) {
  return {
    isCaseSensitive: column.isCaseSensitive,
    isCurrency: column.isCurrency,
    isSigned: column.isSigned,
    label: column.label,
    name: column.name,
    nullable: column.nullable === 0 ? 0 : 1,
    precision: PRECISION[column.typeName] ?? column.precision,
    scale: column.scale,
    schemaName: column.schemaName,
    tableName: column.tableName,
    typeName: column.typeName,
    length: 0,
  };
}

/** Bytes of a result as the Data API's ResultSize counts them (the text of every field). Results
 *  never change once finished, so the sum is counted once and kept on the result (`textBytes`). */
export function resultSize(result: ExecuteResult): number {
  if (result.textBytes !== undefined) return result.textBytes;
  let bytes = 0;
  for (const row of result.rows) for (const v of row) bytes += v === null ? 0 : Buffer.byteLength(String(v));
  result.textBytes = bytes;
  return bytes;
}

export function encodeToken(id: string, offset: number): string {
  return Buffer.from(JSON.stringify({ id, offset })).toString("base64");
}

function decodeToken(id: string, token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as {
      id?: unknown;
      offset?: unknown;
    };
    if (
      parsed.id === id &&
      typeof parsed.offset === "number" &&
      Number.isInteger(parsed.offset) &&
      parsed.offset >= 0
    ) {
      return parsed.offset;
    }
  } catch {}
  throw validation("Invalid NextToken.");
}

export function resultPage(id: string, result: ExecuteResult, nextToken?: string) {
  const start = nextToken ? decodeToken(id, nextToken) : 0;
  const types = result.columns.map((c) => c.typeName);
  const records: Field[][] = [];
  let bytes = 0;
  let i = start;
  for (; i < result.rows.length; i++) {
    const row = result.rows[i]!;
    const size = row.reduce<number>((n, v) => n + (v === null ? 0 : Buffer.byteLength(String(v))), 0);
    if (records.length > 0 && bytes + size > PAGE_BYTES) break;
    bytes += size;
    records.push(row.map((v, c) => toField(types[c]!, v)));
  }
  return {
    Records: records,
    ColumnMetadata: result.columns.map(columnMetadata),
    TotalNumRows: result.rows.length,
    NextToken: i < result.rows.length ? encodeToken(id, i) : undefined,
  };
}

function csvField(value: SqlValue): string {
  if (value === null) return "";
  const text = typeof value === "boolean" ? (value ? "true" : "false") : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvResultPage(id: string, result: ExecuteResult, nextToken?: string) {
  const start = nextToken ? decodeToken(id, nextToken) : 0;
  const lines: string[] = [];
  let bytes = 0;
  let i = start;
  for (; i < result.rows.length; i++) {
    const line = `${result.rows[i]!.map(csvField).join(",")}\n`;
    if (lines.length > 0 && bytes + line.length > PAGE_BYTES) break;
    bytes += line.length;
    lines.push(line);
  }
  return {
    Records: [{ CSVRecords: lines.join("") }],
    ColumnMetadata: result.columns.map(columnMetadata),
    TotalNumRows: result.rows.length,
    ResultFormat: "CSV",
    NextToken: i < result.rows.length ? encodeToken(id, i) : undefined,
  };
}
