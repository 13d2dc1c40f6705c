/**
 * A small SQL tokenizer for COPY: words, "quoted identifiers", 'strings', integers and
 * punctuation, each with its 1-based character position (Postgres reports positions that way).
 * Comments (`--` and `/* *\/`) are skipped.
 */
import { CopySyntaxError } from "./copy-errors.ts";

export type TokenKind = "word" | "qident" | "string" | "number" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** The source text of the token, as Postgres quotes it in `syntax error at or near "…"`. */
  text: string;
  /** Decoded value: string contents without quotes, identifier without quotes. */
  value: string;
  position: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function tokenizeSql(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i++;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'") {
      i = readString(sql, i, tokens);
    } else if (c === '"') {
      i = readQuotedIdentifier(sql, i, tokens);
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < sql.length && /[0-9]/.test(sql[i])) i++;
      const text = sql.slice(start, i);
      tokens.push({ kind: "number", text, value: text, position: start + 1 });
    } else if (WORD_START.test(c)) {
      const start = i;
      while (i < sql.length && WORD_PART.test(sql[i])) i++;
      const text = sql.slice(start, i);
      tokens.push({ kind: "word", text, value: text.toLowerCase(), position: start + 1 });
    } else {
      tokens.push({ kind: "punct", text: c, value: c, position: i + 1 });
      i++;
    }
  }
  tokens.push({ kind: "eof", text: "", value: "", position: sql.length + 1 });
  return tokens;
}

/**
 * Redshift string literals: `''` is a quote, and a backslash escapes the next character inside
 * the literal only so far as `\'` does not end it; the backslash itself is kept, because COPY
 * interprets escapes such as '\t' and '\000' per option (see copy-option-values.ts).
 */
function readString(sql: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  let value = "";
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" && sql[i + 1] === "'") {
      value += "'";
      i += 2;
    } else if (c === "'") {
      tokens.push({ kind: "string", text: sql.slice(start, i + 1), value, position: start + 1 });
      return i + 1;
    } else if (c === "\\" && i + 1 < sql.length) {
      value += c + sql[i + 1];
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  throw new CopySyntaxError(`unterminated quoted string at or near "${sql.slice(start)}"`, start + 1);
}

function readQuotedIdentifier(sql: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  let value = "";
  while (i < sql.length) {
    if (sql[i] === '"' && sql[i + 1] === '"') {
      value += '"';
      i += 2;
    } else if (sql[i] === '"') {
      if (value === "") throw new CopySyntaxError("zero-length delimited identifier", start + 1);
      tokens.push({ kind: "qident", text: sql.slice(start, i + 1), value, position: start + 1 });
      return i + 1;
    } else {
      value += sql[i];
      i++;
    }
  }
  throw new CopySyntaxError(`unterminated quoted identifier at or near "${sql.slice(start)}"`, start + 1);
}
