/** A cursor over COPY tokens that raises Postgres-style syntax errors at the current token. */
import { CopySyntaxError } from "./copy-errors.ts";
import type { Token } from "./tokenize-sql.ts";

export class TokenCursor {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index++;
    return token;
  }

  atEnd(): boolean {
    return this.peek().kind === "eof";
  }

  /** Postgres words its parser error this way; at end of input it says "at end of input". */
  fail(token: Token = this.peek()): never {
    if (token.kind === "eof") throw new CopySyntaxError("syntax error at end of input", token.position);
    throw new CopySyntaxError(`syntax error at or near "${token.text}"`, token.position);
  }

  isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "word" && token.value === word;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }

  expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail();
    return this.next();
  }

  acceptPunct(p: string): boolean {
    const token = this.peek();
    if (token.kind !== "punct" || token.value !== p) return false;
    this.index++;
    return true;
  }

  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) this.fail();
  }

  expectString(): Token {
    if (this.peek().kind !== "string") this.fail();
    return this.next();
  }

  expectInteger(): number {
    const token = this.peek();
    if (token.kind !== "number") this.fail();
    this.next();
    return Number.parseInt(token.value, 10);
  }

  /**
   * An identifier. Redshift folds unquoted names to lower case and, unless
   * enable_case_sensitive_identifier is on, quoted names as well:
   * https://docs.aws.amazon.com/redshift/latest/dg/r_names.html
   */
  expectIdentifier(): string {
    const token = this.peek();
    if (token.kind !== "word" && token.kind !== "qident") this.fail();
    this.next();
    return token.value.toLowerCase();
  }
}
