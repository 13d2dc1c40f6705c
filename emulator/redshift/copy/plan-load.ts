/**
 * planLoad: turns the objects a COPY reads into one normalised CSV for Postgres
 * (`COPY t (columns) FROM '/dev/blob' WITH (FORMAT csv)`) plus Redshift's load error rows.
 *
 * MAXERROR: https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html#copy-maxerror
 * Each bad record counts once (its first error). More errors than MAXERROR fail the load, and
 * like Redshift we stop reading there; within the limit the bad records are skipped.
 *
 * Known gaps: one error row per bad record (Redshift can log several); the per-slice
 * parallelism that makes Redshift's error order nondeterministic is not modelled (files are read
 * in the given order); IGNOREHEADER counts physical lines.
 */

import { columnKind, convertValue, type TableColumn } from "./convert-value.ts";
import type { CopyCommand } from "./copy-command.ts";
import { RedshiftSqlError } from "./copy-errors.ts";
import { decodeObject } from "./decode-object.ts";
import { type LoadError, REASON } from "./load-error.ts";
import { type RawField, type RawRecord, readDelimitedRecords } from "./read-delimited-records.ts";
import { type JsonMapping, parseJsonPaths, readJsonRecords } from "./read-json-records.ts";

export interface LoadObject {
  key: string;
  body: Buffer;
  /** Defaults to the COPY source bucket (manifest entries can name other buckets). */
  bucket?: string;
  /** Informational: S3 does not decompress, so only the GZIP option decides. */
  contentEncoding?: string;
}

export interface LoadTable {
  columns: TableColumn[];
}

export interface LoadPlan {
  /** Rows for Postgres, one per loaded record, columns in `columns` order; NULL is an unquoted empty field. */
  csv: string | Uint8Array;
  /** Target columns, in file order (the COPY column list, or every table column). */
  columns: string[];
  /** Field delimiter of `csv` when not a comma (fastPlan passes the file's own bytes through). */
  delimiter?: string;
  /** Records read, header lines and skipped blank lines excluded. */
  rowsRead: number;
  /** Records in `csv` (0 when the load failed). */
  rowsLoaded: number;
  errors: LoadError[];
  /** True when errors exceed MAXERROR: the statement fails with loadFailedMessage(). */
  failed: boolean;
}

export interface PlanLoadOptions {
  /** Body of the JSONPaths file when the COPY uses JSON 's3://…'. */
  jsonPaths?: Buffer | string;
}

const RAW_LIMIT = 1024;

export function planLoad(
  copy: CopyCommand,
  objects: LoadObject[],
  table: LoadTable,
  options: PlanLoadOptions = {},
): LoadPlan {
  const columns = targetColumns(copy, table);
  const mapping = jsonMapping(copy, columns.length, options);
  const rows: string[] = [];
  const errors: LoadError[] = [];
  let rowsRead = 0;

  for (const object of objects) {
    const filename = `s3://${object.bucket ?? copy.source.bucket}/${object.key}`;
    const { text, invalidLines } = decodeObject(object.body, copy.gzip, filename, copy.acceptInvChars);
    const records = mapping
      ? readJsonRecords(
          text,
          columns.map((c) => c.name),
          mapping,
        )
      : readDelimitedRecords(...skipHeader(text, copy.ignoreHeader), copy);
    for (const record of records) {
      if (copy.ignoreBlankLines && record.raw.trim() === "" && !mapping) continue;
      rowsRead++;
      const outcome = loadRecord(record, columns, copy, invalidLines);
      if (typeof outcome === "string") {
        rows.push(outcome);
        continue;
      }
      errors.push({ filename, lineNumber: record.line, rawLine: record.raw.slice(0, RAW_LIMIT), ...outcome });
      if (errors.length > copy.maxError) {
        return {
          csv: "",
          columns: columns.map((c) => c.name),
          rowsRead,
          rowsLoaded: 0,
          errors,
          failed: true,
        };
      }
    }
  }
  const csv = rows.length === 0 ? "" : `${rows.join("\n")}\n`;
  return {
    csv,
    columns: columns.map((c) => c.name),
    rowsRead,
    rowsLoaded: rows.length,
    errors,
    failed: false,
  };
}

/** Postgres wording for a bad column list, which Redshift keeps. */
export function targetColumns(copy: CopyCommand, table: LoadTable): TableColumn[] {
  if (!copy.columns) return table.columns;
  const seen = new Set<string>();
  return copy.columns.map((name) => {
    if (seen.has(name)) throw new RedshiftSqlError(`column "${name}" specified more than once`, "42701");
    seen.add(name);
    const column = table.columns.find((c) => c.name.toLowerCase() === name);
    if (!column) {
      throw new RedshiftSqlError(`column "${name}" of relation "${copy.table.name}" does not exist`, "42703");
    }
    return column;
  });
}

function jsonMapping(
  copy: CopyCommand,
  columnCount: number,
  options: PlanLoadOptions,
): JsonMapping | undefined {
  const { format } = copy;
  if (format.kind !== "json") return undefined;
  if (format.mode !== "jsonpaths") return { mode: format.mode };
  const body = options.jsonPaths === undefined ? undefined : options.jsonPaths.toString();
  const paths = body === undefined ? undefined : parseJsonPaths(body);
  if (!paths) {
    throw new RedshiftSqlError(
      `Invalid JSONPath format: ${format.jsonPathsUrl} is not a valid JSONPaths file`,
      "XX000",
      8001,
    );
  }
  if (paths.length !== columnCount) {
    // Unverified wording.
    throw new RedshiftSqlError(
      `Number of jsonpaths and the number of columns should match. JSONPath size: ${paths.length}, Number of columns in table or column list: ${columnCount}`,
      "XX000",
      8001,
    );
  }
  return { mode: "jsonpaths", paths };
}

function skipHeader(text: string, lines: number): [string, number] {
  let offset = 0;
  for (let n = 0; n < lines && offset < text.length; n++) {
    const nl = text.indexOf("\n", offset);
    offset = nl < 0 ? text.length : nl + 1;
  }
  return [text.slice(offset), lines + 1];
}

type RecordFailure = Omit<LoadError, "filename" | "lineNumber" | "rawLine">;

/** A CSV row for Postgres, or the record's first error. */
function loadRecord(
  record: RawRecord,
  columns: TableColumn[],
  copy: CopyCommand,
  invalidLines: Map<number, string>,
): string | RecordFailure {
  const blank = { colname: "", type: "", colLength: "0" };
  if (record.error) {
    const { errCode, errReason, position, fieldValue } = record.error;
    return { ...blank, position, rawFieldValue: fieldValue.slice(0, RAW_LIMIT), errCode, errReason };
  }
  const badUtf8 = invalidReason(record, invalidLines);
  if (badUtf8) {
    const field = record.fields.find((f) => f.text.includes("\ufffd"));
    const index = field ? record.fields.indexOf(field) : -1;
    const column = columns[index];
    return {
      ...(column ? describe(column) : blank),
      position: field?.position ?? 0,
      rawFieldValue: (field?.text ?? "").slice(0, RAW_LIMIT),
      errCode: 1220,
      errReason: badUtf8,
    };
  }
  const fields = record.fields;
  if (fields.length > columns.length) {
    const extra = fields[columns.length];
    return {
      ...blank,
      position: extra.position,
      rawFieldValue: extra.text.slice(0, RAW_LIMIT),
      errCode: 1202,
      errReason: REASON.extraColumns,
    };
  }
  if (fields.length < columns.length && !copy.fillRecord) {
    const missing = columns[fields.length];
    return {
      ...describe(missing),
      position: record.raw.length,
      rawFieldValue: "",
      errCode: 1214,
      errReason: REASON.delimiterNotFound,
    };
  }
  const out: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const field = fields[i];
    const converted = convertValue(field ? fieldValue(field, columns[i], copy) : null, columns[i], copy);
    if ("errCode" in converted) {
      return {
        ...describe(columns[i]),
        position: field?.position ?? record.raw.length,
        rawFieldValue: (field?.text ?? "").slice(0, RAW_LIMIT),
        ...converted,
      };
    }
    out.push(converted.value === null ? "" : `"${converted.value.replaceAll('"', '""')}"`);
  }
  return out.join(",");
}

function invalidReason(record: RawRecord, invalidLines: Map<number, string>): string | undefined {
  if (invalidLines.size === 0) return undefined;
  const span = record.raw.split("\n").length;
  for (let line = record.line; line < record.line + span; line++) {
    const reason = invalidLines.get(line);
    if (reason) return reason;
  }
  return undefined;
}

/** NULL AS matches the field's source text, unquoted; EMPTYASNULL/BLANKSASNULL apply to CHAR/VARCHAR. */
function fieldValue(field: RawField, column: TableColumn, copy: CopyCommand): string | null {
  if (field.isNull) return null;
  if (!field.quoted && field.source === copy.nullAs) return null;
  const kind = columnKind(column.type);
  if (kind !== "varchar" && kind !== "bpchar") return field.text;
  if (copy.emptyAsNull && field.text === "") return null;
  if (copy.blanksAsNull && field.text.trim() === "") return null;
  return copy.trimBlanks ? field.text.replace(/\s+$/, "") : field.text;
}

function describe(column: TableColumn): { colname: string; type: string; colLength: string } {
  const kind = columnKind(column.type);
  const type = kind === "other" ? column.type.split(/[\s(]/)[0].toLowerCase() : kind;
  return { colname: column.name.slice(0, 127), type, colLength: String(column.maxLength ?? 0) };
}
