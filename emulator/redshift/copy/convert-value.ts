/**
 * One field → the text Postgres's CSV COPY accepts for the column, or Redshift's load error.
 * Data conversion rules: https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html
 *
 * Known gaps: TIME/TIMETZ, GEOMETRY, VARBYTE and SUPER are passed through unchecked; numeric
 * precision/scale is checked for digit count only; float text is passed to Postgres as given
 * once it looks numeric.
 */
import type { CopyCommand } from "./copy-command.ts";
import {
  type FieldFailure,
  integerOverflow,
  invalidDate,
  invalidDigit,
  invalidTimestamp,
  multibyteChar,
  REASON,
} from "./load-error.ts";
import { formatDate, formatTimestamp, parseDateTime } from "./parse-date-time.ts";

export interface TableColumn {
  name: string;
  /** Postgres type name, e.g. `integer`, `character varying(20)`, `timestamp without time zone`. */
  type: string;
  nullable: boolean;
  maxLength?: number;
}

export type ColumnKind =
  | "int2"
  | "int4"
  | "int8"
  | "numeric"
  | "float4"
  | "float8"
  | "bool"
  | "date"
  | "timestamp"
  | "timestamptz"
  | "varchar"
  | "bpchar"
  | "other";

const KINDS: [RegExp, ColumnKind][] = [
  [/^(smallint|int2)$/, "int2"],
  [/^(integer|int|int4)$/, "int4"],
  [/^(bigint|int8)$/, "int8"],
  [/^(numeric|decimal)/, "numeric"],
  [/^(real|float4)$/, "float4"],
  [/^(double precision|float8|float)$/, "float8"],
  [/^(boolean|bool)$/, "bool"],
  [/^date$/, "date"],
  [/^(timestamp with time zone|timestamptz)$/, "timestamptz"],
  [/^(timestamp|timestamp without time zone)$/, "timestamp"],
  [/^(character varying|varchar|text|nvarchar)/, "varchar"],
  [/^(character|char|bpchar|nchar)/, "bpchar"],
];

export function columnKind(type: string): ColumnKind {
  const t = type.toLowerCase().trim();
  const base = t.replace(/\s*\(.*?\)/, "");
  return KINDS.find(([re]) => re.test(base) || re.test(t))?.[1] ?? "other";
}

const INT_RANGE: Record<"int2" | "int4" | "int8", [bigint, bigint, string]> = {
  int2: [-32768n, 32767n, "Short"],
  int4: [-2147483648n, 2147483647n, "Integer"],
  int8: [-9223372036854775808n, 9223372036854775807n, "Long"],
};

export type Converted = { value: string | null } | FieldFailure;

/**
 * `raw` is the field after NULL AS / EMPTYASNULL / BLANKSASNULL handling (null = SQL NULL).
 * Empty and blank fields for non-character types are always NULL (EMPTYASNULL/BLANKSASNULL docs).
 */
export function convertValue(raw: string | null, column: TableColumn, copy: CopyCommand): Converted {
  const kind = columnKind(column.type);
  let text = raw;
  if (text !== null && kind !== "varchar" && kind !== "bpchar" && text.trim() === "") text = null;
  if (text === null) return column.nullable ? { value: null } : { errCode: 1213, errReason: REASON.notNull };
  switch (kind) {
    case "int2":
    case "int4":
    case "int8":
      return convertInteger(text, kind);
    case "numeric":
      return convertNumeric(text, column.type);
    case "float4":
    case "float8":
      return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(nan|inf|infinity)\s*$/i.test(text)
        ? { value: text.trim() }
        : { errCode: 1208, errReason: REASON.floatFormat };
    case "bool":
      return convertBoolean(text);
    case "date":
      return convertDate(text, copy.dateFormat);
    case "timestamp":
    case "timestamptz":
      return convertTimestamp(text, copy, kind === "timestamptz");
    case "varchar":
    case "bpchar":
      return convertString(text, column, kind, copy.truncateColumns);
    default:
      return { value: text };
  }
}

/** Redshift reports the first character that is not a digit (after an optional sign). */
function convertInteger(text: string, kind: "int2" | "int4" | "int8"): Converted {
  const [min, max, typeName] = INT_RANGE[kind];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const signOk = i === 0 && (ch === "-" || ch === "+") && text.length > 1;
    if (!signOk && (ch < "0" || ch > "9")) return { errCode: 1207, errReason: invalidDigit(ch, i, typeName) };
  }
  const n = BigInt(text);
  if (n < min || n > max) return { errCode: 1222, errReason: integerOverflow(typeName, min, max) };
  return { value: n.toString() };
}

function convertNumeric(text: string, type: string): Converted {
  const t = text.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
    const bad = [...t].findIndex((ch, i) => !/[0-9.]/.test(ch) && !(i === 0 && /[+-]/.test(ch)));
    return bad < 0
      ? { errCode: 1209, errReason: REASON.decimalFormat }
      : { errCode: 1207, errReason: invalidDigit(t[bad], bad, "Decimal") };
  }
  const precision = /\((\d+)\s*(?:,\s*(\d+))?\)/.exec(type);
  if (precision) {
    const scale = Number(precision[2] ?? 0);
    const intDigits = m[2].replace(/^0+/, "").length;
    if (intDigits > Number(precision[1]) - scale) return { errCode: 1209, errReason: REASON.decimalFormat };
  }
  return { value: t };
}

/** Literals Redshift accepts for BOOLEAN: https://docs.aws.amazon.com/redshift/latest/dg/r_Boolean_type.html */
function convertBoolean(text: string): Converted {
  const t = text.trim().toLowerCase();
  if (["t", "true", "y", "yes", "1"].includes(t)) return { value: "t" };
  if (["f", "false", "n", "no", "0"].includes(t)) return { value: "f" };
  return { errCode: 1210, errReason: REASON.booleanFormat };
}

function convertDate(text: string, format: string): Converted {
  const t = text.trim();
  if (format.toUpperCase() === "YYYY-MM-DD" && t.length < 10)
    return { errCode: 1205, errReason: REASON.shortDate };
  const parts = parseDateTime(t, format);
  return parts ? { value: formatDate(parts) } : { errCode: 1205, errReason: invalidDate(format) };
}

/** The default TIMEFORMAT is reported as `YYYY-MM-DD HH24:MI:SS` in the load error reason. */
function convertTimestamp(text: string, copy: CopyCommand, withZone: boolean): Converted {
  const t = text.trim();
  const format = copy.timeFormat;
  const isDefault = format === "YYYY-MM-DD HH:MI:SS";
  // TIMESTAMPTZ's default adds an offset (YYYY-MM-DD HH:MI:SSOF); a 'T' separator is rejected.
  const zone = withZone && isDefault ? /\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(t) : null;
  const body = zone ? t.slice(0, zone.index) : t;
  const parts = parseDateTime(body, format) ?? (isDefault ? parseDateTime(body, "YYYY-MM-DD") : undefined);
  if (parts) return { value: formatTimestamp(zone ? { ...parts, offset: zone[1] } : parts, withZone) };
  const shown = isDefault ? "YYYY-MM-DD HH24:MI:SS" : format;
  return { errCode: 1206, errReason: invalidTimestamp(shown) };
}

/** Lengths are in bytes: VARCHAR(10) holds ten ASCII characters or three 3-byte ones. */
function convertString(
  text: string,
  column: TableColumn,
  kind: "varchar" | "bpchar",
  truncate: boolean,
): Converted {
  if (kind === "bpchar") {
    const multibyte = [...text].find((ch) => Buffer.byteLength(ch) > 1);
    if (multibyte)
      return { errCode: 1215, errReason: multibyteChar(Buffer.from(multibyte).toString("hex").slice(0, 2)) };
  }
  const limit = column.maxLength;
  if (limit === undefined || Buffer.byteLength(text) <= limit) return { value: text };
  if (!truncate) return { errCode: 1204, errReason: REASON.stringTooLong };
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > limit) break;
    out += ch;
    bytes += size;
  }
  return { value: out };
}
