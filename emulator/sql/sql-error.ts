/**
 * SQL errors in Redshift's words. `message` is the text the Data API puts in DescribeStatement's
 * `Error` ("ERROR: …" / "FATAL: …"), so the Data API service can pass it through unchanged.
 *
 * Rewordings of Postgres 17 text (docs/failures.md L3-03, L4-05..L4-07, L4-15):
 * - `permission denied for table|view|sequence|materialized view x` → `permission denied for relation x`
 *   (Redshift keeps the Postgres 8 wording; mage-ai#2754, amazon-redshift-utils#648);
 * - login as a missing user → `FATAL: user "IAM:x" does not exist` (aws-tools-for-powershell#269);
 * - syntax errors get Redshift's context suffix: `ERROR: syntax error at or near ":" in context
 *   "where ittype = :", at line 1` + `\n  Position: 60` (aws-sdk-pandas#3024);
 * - a cancelled statement → `ERROR: Query (<n>) cancelled on user's request` (SQLSTATE 57014).
 * `relation "x" does not exist` and `relation "s.x" does not exist` are already the same text.
 *
 * Known gaps: Redshift's exact context window for syntax errors is inferred from three samples
 * (the current line up to and including the offending token, at most 30 characters, cut at a word
 * start); the cancel text is inferred, not captured.
 */
import type { WorkerError } from "./worker-protocol.ts";

export type SqlSeverity = "ERROR" | "FATAL";

export interface SqlErrorFields {
  code: string;
  severity?: SqlSeverity;
  position?: number;
  detail?: string;
  hint?: string;
  /** Postgres' CONTEXT (e.g. `COPY t, line 3, column a: "x"`). */
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** Index of the failing statement in a batch. */
  statementIndex?: number;
  /** Redshift's query id when the statement failed after it got one (a COPY that started). */
  queryId?: number;
}

export class SqlError extends Error {
  readonly code: string;
  readonly severity: SqlSeverity;
  readonly position?: number;
  readonly detail?: string;
  readonly hint?: string;
  readonly where?: string;
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
  readonly statementIndex?: number;
  readonly queryId?: number;
  /** The message without the severity prefix. */
  readonly text: string;

  constructor(text: string, fields: SqlErrorFields) {
    const severity = fields.severity ?? "ERROR";
    super(`${severity}: ${text}`);
    this.name = "SqlError";
    this.text = text;
    this.severity = severity;
    this.code = fields.code;
    this.position = fields.position;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.where = fields.where;
    this.schema = fields.schema;
    this.table = fields.table;
    this.column = fields.column;
    this.constraint = fields.constraint;
    this.statementIndex = fields.statementIndex;
    this.queryId = fields.queryId;
  }
}

const PERMISSION_FOR_RELATION =
  /^permission denied for (?:table|view|materialized view|sequence|foreign table) (.+)$/;

/**
 * Translates a server error. `mapPosition` turns a 1-based character position in the SQL that
 * ran into one in the SQL the caller sent (the rewriter and the parameter binder move text).
 */
export function toSqlError(
  error: WorkerError,
  originalSql = "",
  mapPosition: (position: number) => number = (p) => p,
): SqlError {
  if (error.name !== "DatabaseError" || !error.code) {
    return new SqlError(error.message, { code: "XX000", statementIndex: error.statementIndex });
  }
  const ranPosition = error.position ? Number(error.position) : undefined;
  const position = ranPosition !== undefined ? mapPosition(ranPosition) : undefined;
  let text = error.message;
  const relation = PERMISSION_FOR_RELATION.exec(text);
  if (relation) text = `permission denied for relation ${relation[1]}`;
  if (error.code === "42601" && text.startsWith("syntax error at") && position !== undefined) {
    const { context, line } = syntaxContext(originalSql, position);
    text = `${text} in context "${context}", at line ${line}\n  Position: ${position}`;
  }
  return new SqlError(text, {
    code: error.code,
    severity: error.severity === "FATAL" ? "FATAL" : "ERROR",
    position,
    detail: error.detail,
    hint: error.hint,
    where: error.where,
    schema: error.schema,
    table: error.table,
    column: error.column,
    constraint: error.constraint,
    statementIndex: error.statementIndex,
  });
}

const CONTEXT_CHARS = 30;

/** Redshift's `in context "…", at line N` for a 1-based position. */
export function syntaxContext(sql: string, position: number): { context: string; line: number } {
  const offset = Math.min(Math.max(position - 1, 0), sql.length);
  const before = sql.slice(0, offset);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const token = /^("(?:[^"]|"")*"|'(?:[^']|'')*'|[A-Za-z0-9_$]+|\S)/.exec(sql.slice(offset));
  const end = offset + (token ? token[0].length : 0);
  let context = sql.slice(lineStart, end);
  if (context.length > CONTEXT_CHARS) {
    const cut = context.slice(context.length - CONTEXT_CHARS);
    const wordStart = cut.search(/(?<=\s)\S/);
    context = wordStart > 0 ? cut.slice(wordStart) : cut;
  }
  return { context: context.trimStart(), line };
}

export function cancelledError(queryId: number): SqlError {
  return new SqlError(`Query (${queryId}) cancelled on user's request`, { code: "57014" });
}

export function userNotFound(user: string): SqlError {
  return new SqlError(`user "${user}" does not exist`, { code: "28000", severity: "FATAL" });
}
