/**
 * Load error records, shaped like STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL rows, and the reasons
 * COPY writes into them.
 * Codes: https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html
 * Columns: https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
 *
 * Where a reason's runtime text is on public record (stl_load_errors output in the Redshift
 * tutorial, issue threads, public project notes) it is used as seen; where it is not, the reason
 * is the Load error reference's description of the code. See LOAD_ERROR_SOURCES.
 */

export interface LoadError {
  /** `s3://bucket/key` of the file the row came from. */
  filename: string;
  /** 1-based line in the (decompressed) file where the record starts, header lines counted. */
  lineNumber: number;
  colname: string;
  /** Redshift's short type name (int4, varchar, …), blank when the error is not about a column. */
  type: string;
  /** Declared length for CHAR/VARCHAR, else "0". */
  colLength: string;
  /** 0-based character position in the raw line where the offending field (or character) starts. */
  position: number;
  /** First 1024 characters of the record. */
  rawLine: string;
  /** First 1024 characters of the field. */
  rawFieldValue: string;
  errCode: number;
  errReason: string;
}

/** Where each code's reason text came from (for the report and for reviewers). */
export const LOAD_ERROR_SOURCES: Record<number, string> = {
  1202: "'Extra column(s) found': public COPY troubleshooting notes (agent-toolkit load recipe)",
  1204: "'String length exceeds DDL length': spark-redshift PR #53, public stl_load_errors dumps (err_code 1204)",
  1205: "'Invalid Date Format - length must be 10 or more': keboola writer tests",
  1206: "'Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]': public Udacity project notes",
  1207: "'Invalid digit, Value 'x', Pos n, Type: Integer': Redshift tutorial stl_load_errors output (code 1207 from a DETAIL block)",
  1208: "docs description",
  1209: "docs description",
  1210: "docs description",
  1213: "'Missing data for not-null field': public project notes",
  1214: "'Delimiter not found' and 'Invalid quote formatting for CSV' (err_code 1214): public notes and stl_load_errors dumps",
  1215: "'Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: 84': public notes",
  1216: "docs description",
  1220: "'String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: 82 (error 3)': public notes",
  1222: "unverified wording",
};

export const REASON = {
  extraColumns: "Extra column(s) found",
  delimiterNotFound: "Delimiter not found",
  csvQuote: "Invalid quote formatting for CSV",
  stringTooLong: "String length exceeds DDL length",
  notNull: "Missing data for not-null field",
  shortDate: "Invalid Date Format - length must be 10 or more",
  floatFormat: "FLOAT data type format error.",
  decimalFormat: "DECIMAL data type format error.",
  booleanFormat: "BOOLEAN data type format error.",
  invalidLine: "Input line is not valid.",
} as const;

export const invalidDigit = (ch: string, pos: number, type: string): string =>
  `Invalid digit, Value '${ch}', Pos ${pos}, Type: ${type}`;

export const invalidTimestamp = (format: string): string => `Invalid timestamp format or value [${format}]`;

export const invalidDate = (format: string): string => `Invalid date format or value [${format}]`;

export const integerOverflow = (type: string, min: bigint, max: bigint): string =>
  `Overflow (${type} valid range ${min} to ${max})`;

export const badUtf8 = (hex: string, error: number): string =>
  `String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ${hex} (error ${error})`;

export const multibyteChar = (hex: string): string =>
  `Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: ${hex}`;

/** A value-level failure before it is placed in a row. */
export interface FieldFailure {
  errCode: number;
  errReason: string;
}
