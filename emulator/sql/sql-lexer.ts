/**
 * A small SQL tokenizer: just enough lexical structure for the Redshift dialect rewriter, the
 * Data API `:name` binder and the session guard to never look inside string literals, quoted
 * identifiers, comments or dollar-quoted bodies.
 *
 * Joining every token's `text` gives back the input exactly (tested), so rewriters edit a token
 * list and re-join it.
 *
 * Known gaps: Unicode escapes (`U&'…'`) and bit strings (`B'…'`) lex as an identifier followed by
 * a string, which is harmless for our purposes; an unterminated literal or comment swallows the
 * rest of the input (Postgres then reports the error itself).
 */

export type TokenKind =
  | "space"
  | "comment"
  | "string"
  | "quoted-ident"
  | "dollar-string"
  | "ident"
  | "number"
  | "param"
  | "positional"
  | "op"
  | "semicolon"
  | "lparen"
  | "rparen"
  | "comma"
  | "dot";

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the input. */
  start: number;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const OP_CHARS = "+-*/<>=~!@#%^&|`?:[]{}";

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j])) j++;
      push("space", j);
    } else if (c === "-" && next === "-") {
      const j = sql.indexOf("\n", i);
      push("comment", j === -1 ? n : j);
    } else if (c === "/" && next === "*") {
      push("comment", blockCommentEnd(sql, i));
    } else if (c === "'" || ((c === "E" || c === "e") && next === "'")) {
      push("string", stringEnd(sql, c === "'" ? i : i + 1, c !== "'"));
    } else if (c === '"') {
      push("quoted-ident", quotedEnd(sql, i, '"'));
    } else if (c === "$" && /[0-9]/.test(next ?? "")) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j])) j++;
      push("positional", j);
    } else if (c === "$") {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        push("dollar-string", close === -1 ? n : close + tag[0].length);
      } else push("op", i + 1);
    } else if (c === ":" && next === ":") {
      push("op", i + 2);
    } else if (c === ":" && IDENT_START.test(next ?? "") && sql[i - 1] !== ":") {
      let j = i + 2;
      while (j < n && /[A-Za-z0-9_]/.test(sql[j])) j++;
      push("param", j);
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(sql[j])) j++;
      push("ident", j);
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(next ?? ""))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i));
      push("number", i + (m ? m[0].length : 1));
    } else if (c === ";") push("semicolon", i + 1);
    else if (c === "(") push("lparen", i + 1);
    else if (c === ")") push("rparen", i + 1);
    else if (c === ",") push("comma", i + 1);
    else if (c === ".") push("dot", i + 1);
    else if (OP_CHARS.includes(c)) {
      let j = i + 1;
      while (j < n && OP_CHARS.includes(sql[j]) && sql[j] !== ":" && !(sql[j] === "-" && sql[j + 1] === "-"))
        j++;
      push("op", j);
    } else push("op", i + 1);
  }
  return tokens;
}

function blockCommentEnd(sql: string, start: number): number {
  // Postgres block comments nest.
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

function stringEnd(sql: string, quoteAt: number, backslashEscapes: boolean): number {
  let i = quoteAt + 1;
  while (i < sql.length) {
    if (backslashEscapes && sql[i] === "\\") i += 2;
    else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
    else if (sql[i] === "'") return i + 1;
    else i++;
  }
  return sql.length;
}

function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

/** Tokens that carry meaning (no whitespace or comments). */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== "space" && t.kind !== "comment");
}

export function isKeyword(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === "ident" && words.includes(token.text.toLowerCase());
}

/** Splits a script into statements on top-level semicolons; empty statements are dropped. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const token of tokenize(sql)) {
    if (token.kind === "semicolon") {
      if (significant(tokenize(current)).length > 0) out.push(current.trim());
      current = "";
    } else current += token.text;
  }
  if (significant(tokenize(current)).length > 0) out.push(current.trim());
  return out;
}

export function joinTokens(tokens: Token[]): string {
  return tokens.map((t) => t.text).join("");
}
