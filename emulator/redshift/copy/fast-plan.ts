/**
 * fastPlan: the happy-path shortcut of `planLoad` for plain delimited data. When every data line
 * is made only of values that both Redshift and `planLoad` accept unchanged — ASCII, no quotes,
 * no backslashes, no empty fields, integers short enough to be in range, decimals within their
 * precision and scale, strings within their length — the bytes can go to Postgres's COPY as they
 * are, and parsing them field by field in JavaScript (the slow part of a big COPY) is skipped.
 * Any line outside that shape returns `undefined`, and the caller runs `planLoad`, which reports
 * Redshift's load errors exactly. The shortcut never accepts what `planLoad` would reject.
 *
 * Known gaps: only CSV and text formats without conversion options; CRLF files, quoted fields,
 * empty fields, dates, timestamps, floats and booleans always take the full path.
 */
import { isAscii } from "node:buffer";
import { gunzipSync } from "node:zlib";
import { columnKind, type TableColumn } from "./convert-value.ts";
import type { CopyCommand } from "./copy-command.ts";
import { type LoadObject, type LoadPlan, type LoadTable, targetColumns } from "./plan-load.ts";

const INT_DIGITS = { int2: 4, int4: 9, int8: 18 } as const;

const escapeForClass = (ch: string) => ch.replace(/[\\\]^-]/g, "\\$&");
const escapeForRegex = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The regex source of one field of `column`, or undefined when the column needs the full path. */
function fieldPattern(column: TableColumn, plain: string): string | undefined {
  const kind = columnKind(column.type);
  if (kind === "int2" || kind === "int4" || kind === "int8") return `-?\\d{1,${INT_DIGITS[kind]}}`;
  if (kind === "numeric") {
    const m = /\((\d+)\s*,\s*(\d+)\)/.exec(column.type);
    if (!m) return undefined;
    const [precision, scale] = [Number(m[1]), Number(m[2])];
    if (precision - scale < 1) return undefined;
    return scale > 0 ? `-?\\d{1,${precision - scale}}(?:\\.\\d{1,${scale}})?` : `-?\\d{1,${precision}}`;
  }
  if (kind === "varchar" && column.maxLength !== undefined) return `${plain}{1,${column.maxLength}}`;
  return undefined;
}

function simpleOptions(copy: CopyCommand): boolean {
  const formatOk = copy.format.kind === "text" || (copy.format.kind === "csv" && copy.format.quote === '"');
  return (
    formatOk &&
    !copy.manifest &&
    copy.nullAs === "\\N" &&
    !copy.truncateColumns &&
    !copy.emptyAsNull &&
    !copy.blanksAsNull &&
    copy.acceptInvChars === undefined &&
    !copy.removeQuotes &&
    !copy.escape &&
    !copy.fillRecord &&
    !copy.ignoreBlankLines &&
    !copy.trimBlanks &&
    /^[,|\t;]$/.test(copy.delimiter)
  );
}

export function fastPlan(copy: CopyCommand, objects: LoadObject[], table: LoadTable): LoadPlan | undefined {
  if (!simpleOptions(copy)) return undefined;
  const columns = targetColumns(copy, table);
  const plain = `[^${escapeForClass(copy.delimiter)}"\\\\\\r\\n]`;
  const fields = columns.map((c) => fieldPattern(c, plain));
  if (fields.some((f) => f === undefined)) return undefined;
  const line = new RegExp(`${fields.join(escapeForRegex(copy.delimiter))}(?=\\n|$)`, "y");
  const parts: Buffer[] = [];
  let rows = 0;
  for (const object of objects) {
    const bytes = copy.gzip ? safeGunzip(object.body) : object.body;
    if (!bytes || !isAscii(bytes)) return undefined;
    const text = bytes.toString("latin1");
    let start = 0;
    for (let skip = 0; skip < copy.ignoreHeader && start < text.length; skip++) {
      const nl = text.indexOf("\n", start);
      start = nl < 0 ? text.length : nl + 1;
    }
    const dataStart = start;
    while (start < text.length) {
      line.lastIndex = start;
      if (!line.test(text)) return undefined;
      rows++;
      start = line.lastIndex + 1;
    }
    // ASCII: character offsets are byte offsets, so the file's own bytes go through unchanged.
    if (dataStart < text.length) parts.push(bytes.subarray(dataStart));
    if (dataStart < text.length && !text.endsWith("\n")) parts.push(Buffer.from("\n"));
  }
  return {
    csv: Buffer.concat(parts),
    columns: columns.map((c) => c.name),
    delimiter: copy.delimiter,
    rowsRead: rows,
    rowsLoaded: rows,
    errors: [],
    failed: false,
  };
}

function safeGunzip(body: Buffer): Buffer | undefined {
  try {
    return gunzipSync(body);
  } catch {
    return undefined;
  }
}
