/** Turns the worker's text-format rows and field descriptions into typed values and Data API metadata. */
import type { Column, ExecuteResult, SqlValue } from "./types.ts";
import type { WorkerField, WorkerResult } from "./worker-protocol.ts";

const NUMBER_TYPES = new Set(["int2", "int4", "oid", "float4", "float8"]);
const SIGNED_TYPES = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "money"]);
const CHAR_TYPES = new Set(["varchar", "bpchar", "text", "name", "char"]);

export function decodeValue(typeName: string, text: string | null): SqlValue {
  if (text === null) return null;
  if (typeName === "bool") return text === "t";
  if (NUMBER_TYPES.has(typeName)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (typeName === "int8") {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  return text;
}

export function toColumn(field: WorkerField): Column {
  const { typeName, typeModifier } = field;
  let length = 0;
  let precision = 0;
  let scale = 0;
  // atttypmod encodings: varchar/bpchar store length + 4; numeric stores ((p << 16) | s) + 4.
  if ((typeName === "varchar" || typeName === "bpchar") && typeModifier > 4) length = typeModifier - 4;
  if (typeName === "numeric" && typeModifier > 4) {
    precision = ((typeModifier - 4) >> 16) & 0xffff;
    scale = (typeModifier - 4) & 0xffff;
  }
  return {
    name: field.name,
    label: field.name,
    typeName,
    nullable: field.nullable,
    length,
    precision: precision || length,
    scale,
    isCaseSensitive: CHAR_TYPES.has(typeName),
    isSigned: SIGNED_TYPES.has(typeName),
    isCurrency: typeName === "money",
    schemaName: field.schemaName,
    tableName: field.tableName,
  };
}

export function toExecuteResult(result: WorkerResult, queryId: number): ExecuteResult {
  const types = result.fields.map((f) => f.typeName);
  return {
    columns: result.fields.map(toColumn),
    rows: result.rows.map((row) => row.map((text, i) => decodeValue(types[i], text))),
    rowCount: result.rowCount,
    command: result.command,
    queryId,
  };
}

/** Rows decoded per turn of the event loop in `toExecuteResultAsync`. */
const DECODE_SLICE = 5000;

/** `toExecuteResult` for big results: parses and decodes slice by slice, yielding between slices,
 *  so the HTTP server keeps answering while a 100k-row result is turned into values. */
export async function toExecuteResultAsync(result: WorkerResult, queryId: number): Promise<ExecuteResult> {
  if (!result.rowSlices && result.rows.length <= DECODE_SLICE) return toExecuteResult(result, queryId);
  const types = result.fields.map((f) => f.typeName);
  const slices: (() => (string | null)[][])[] = result.rowSlices
    ? result.rowSlices.map((json) => () => JSON.parse(json) as (string | null)[][])
    : Array.from(
        { length: Math.ceil(result.rows.length / DECODE_SLICE) },
        (_, i) => () => result.rows.slice(i * DECODE_SLICE, (i + 1) * DECODE_SLICE),
      );
  const rows: SqlValue[][] = [];
  let textBytes = 0;
  for (const slice of slices) {
    for (const raw of slice()) {
      for (const text of raw) if (text !== null) textBytes += Buffer.byteLength(text);
      rows.push(raw.map((text, i) => decodeValue(types[i], text)));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    columns: result.fields.map(toColumn),
    rows,
    rowCount: result.rowCount,
    command: result.command,
    queryId,
    textBytes,
  };
}

/** A Column from an information_schema.columns row (name, udt_name, is_nullable, length, precision, scale). */
export function toColumnFromCatalog(schema: string, table: string, row: SqlValue[]): Column {
  const [name, typeName, isNullable, length, precision, scale] = row;
  const type = String(typeName);
  return {
    name: String(name),
    label: String(name),
    typeName: type,
    nullable: isNullable === "YES" ? 1 : 0,
    length: Number(length ?? 0),
    precision: Number(precision ?? length ?? 0),
    scale: Number(scale ?? 0),
    isCaseSensitive: CHAR_TYPES.has(type),
    isSigned: SIGNED_TYPES.has(type),
    isCurrency: type === "money",
    schemaName: schema,
    tableName: table,
  };
}
