/**
 * Splits a decoded file into records and fields, for CSV and for Redshift's delimited text.
 * CSV: https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html#copy-csv
 * Text: DELIMITER, ESCAPE and REMOVEQUOTES in copy-parameters-data-conversion.html.
 *
 * Known gaps: a NUL byte does not end a record (Redshift treats NUL as end-of-record unless
 * NULL AS '\0'); a CR before LF is dropped rather than kept in the last field; REMOVEQUOTES
 * does not let a record continue past a newline inside quotes.
 */
import type { CopyCommand } from "./copy-command.ts";
import { REASON } from "./load-error.ts";

export interface RawField {
  /** The value after quote and escape processing. */
  text: string;
  /** Source text, used for NULL AS comparison (NULL AS matches unquoted, unescaped text). */
  source: string;
  quoted: boolean;
  /** 0-based offset of the field in the record. */
  position: number;
  /** JSON null or a missing key: NULL regardless of NULL AS. */
  isNull?: boolean;
}

export interface RawRecord {
  /** 1-based line where the record starts. */
  line: number;
  raw: string;
  fields: RawField[];
  /** A parse error for the whole record (quote formatting). */
  error?: { errCode: number; errReason: string; position: number; fieldValue: string };
}

export function readDelimitedRecords(text: string, firstLine: number, copy: CopyCommand): RawRecord[] {
  const reader = copy.format.kind === "csv" ? readCsvRecord : readTextRecord;
  const records: RawRecord[] = [];
  let offset = 0;
  let line = firstLine;
  while (offset < text.length) {
    const result = reader(text, offset, copy);
    const raw = text.slice(offset, result.end).replace(/\r$/, "");
    records.push({ line, raw, fields: result.fields, ...(result.error ? { error: result.error } : {}) });
    line += countNewlines(text, offset, result.next);
    offset = result.next;
  }
  return records;
}

interface ReadResult {
  fields: RawField[];
  /** End of the record's text (before the newline). */
  end: number;
  /** Start of the next record. */
  next: number;
  error?: RawRecord["error"];
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text[i] === "\n") n++;
  return n;
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl;
}

function stripCr(text: string, start: number, end: number): number {
  return end > start && text[end - 1] === "\r" ? end - 1 : end;
}

function readCsvRecord(text: string, start: number, copy: CopyCommand): ReadResult {
  const { delimiter: d, format } = copy;
  const q = format.kind === "csv" ? format.quote : '"';
  const fields: RawField[] = [];
  let i = start;
  for (;;) {
    const fieldStart = i;
    if (text[i] === q) {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) return csvError(text, start, fields, fieldStart, text.slice(fieldStart + 1));
        if (text[i] === q && text[i + 1] === q) {
          value += q;
          i += 2;
        } else if (text[i] === q) {
          i++;
          break;
        } else value += text[i++];
      }
      fields.push({
        text: value,
        source: text.slice(fieldStart, i),
        quoted: true,
        position: fieldStart - start,
      });
      if (text[i] === "\r" && (text[i + 1] === "\n" || i + 1 >= text.length)) i++;
      if (i >= text.length || text[i] === "\n") return { fields, end: i, next: i + 1 };
      if (text[i] !== d) return csvError(text, start, fields, fieldStart, value);
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== d && text[j] !== "\n" && text[j] !== q) j++;
    if (text[j] === q) return csvError(text, start, fields, fieldStart, text.slice(i, j));
    const end = text[j] === d ? j : stripCr(text, i, j);
    const value = text.slice(i, end);
    fields.push({ text: value, source: value, quoted: false, position: fieldStart - start });
    if (text[j] === d) {
      i = j + 1;
      continue;
    }
    return { fields, end, next: j + 1 };
  }
}

/** The record is abandoned up to the end of its physical line. */
function csvError(
  text: string,
  start: number,
  fields: RawField[],
  fieldStart: number,
  fieldValue: string,
): ReadResult {
  const eol = endOfLine(text, fieldStart);
  return {
    fields,
    end: stripCr(text, start, eol),
    next: eol + 1,
    error: { errCode: 1214, errReason: REASON.csvQuote, position: fieldStart - start, fieldValue },
  };
}

function readTextRecord(text: string, start: number, copy: CopyCommand): ReadResult {
  const { delimiter: d, escape: backslashEscapes, removeQuotes } = copy;
  const fields: RawField[] = [];
  let i = start;
  let value = "";
  let fieldStart = start;
  let inQuotes = false;
  const push = (end: number) => {
    const source = text.slice(fieldStart, end);
    const quoted = removeQuotes && /^".*"$/s.test(source);
    fields.push({ text: quoted ? value.slice(1, -1) : value, source, quoted, position: fieldStart - start });
  };
  while (i < text.length) {
    const ch = text[i];
    if (backslashEscapes && ch === "\\" && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else if (removeQuotes && ch === '"') {
      inQuotes = !inQuotes;
      value += ch;
      i++;
    } else if (ch === d && !inQuotes) {
      push(i);
      value = "";
      i++;
      fieldStart = i;
    } else if (ch === "\n") {
      const end = stripCr(text, fieldStart, i);
      value = value.replace(/\r$/, "");
      push(end);
      return { fields, end, next: i + 1 };
    } else {
      value += ch;
      i++;
    }
  }
  push(i);
  return { fields, end: i, next: i + 1 };
}
