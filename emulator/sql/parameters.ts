/**
 * Binds the Redshift Data API's named parameters (`:name` in the SQL, `Parameters: [{ name, value }]`)
 * to Postgres positional parameters (`$1`, `$2`, …). Every value travels as a string and the
 * backend infers its type from context, as Redshift does for Data API parameters.
 *
 * Behaviour (docs/failures.md L4-07, L4-08):
 * - a placeholder inside a quoted literal, quoted identifier or comment is not a placeholder, so a
 *   parameter named only there is "unused": `ValidationException: Parameters list contains unused
 *   parameters. Unused parameters: [id]` (getting-started-with-amazon-redshift-data-api#4);
 * - a placeholder with no parameter is left in the SQL, so the engine answers
 *   `syntax error at or near ":"` as Redshift does;
 * - the same name used twice binds to the same `$n`.
 *
 * Known gaps: the separator between several unused names (`[a, b]`) and the exact text for a
 * malformed name (`@x`; the catalog saw an empty message) and for a duplicate name are inferred,
 * not captured live. Validation errors are thrown as {@link ParameterError}; the Data API service
 * maps them to its `ValidationException`.
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_SqlParameter.html
 */
import { joinTokens, type Token, tokenize } from "./sql-lexer.ts";

export interface SqlParameter {
  name: string;
  value: string;
}

export interface BoundStatement {
  sql: string;
  /** Values in `$n` order. */
  values: string[];
}

/** A Data API parameter validation failure (HTTP 400 `ValidationException` on the wire). */
export class ParameterError extends Error {
  readonly code = "ValidationException";
  constructor(message: string) {
    super(message);
    this.name = "ParameterError";
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function bindNamedParameters(sql: string, parameters: readonly SqlParameter[] = []): BoundStatement {
  const { tokens, values } = bindParameterTokens(tokenize(sql), parameters);
  return { sql: joinTokens(tokens), values };
}

/** Token-level binding, so callers can keep each token's original offset for error positions. */
export function bindParameterTokens(
  input: Token[],
  parameters: readonly SqlParameter[] = [],
): { tokens: Token[]; values: string[] } {
  const byName = new Map<string, string>();
  for (const p of parameters) {
    if (typeof p?.name !== "string" || !NAME.test(p.name)) throw new ParameterError("");
    if (typeof p.value !== "string") throw new ParameterError("");
    if (byName.has(p.name)) throw new ParameterError(`Duplicate parameter name: ${p.name}`);
    byName.set(p.name, p.value);
  }
  if (byName.size === 0) return { tokens: input, values: [] };

  const position = new Map<string, number>();
  const values: string[] = [];
  const tokens: Token[] = input.map((token) => {
    if (token.kind !== "param") return token;
    const name = token.text.slice(1);
    const value = byName.get(name);
    if (value === undefined) return token;
    let n = position.get(name);
    if (n === undefined) {
      values.push(value);
      n = values.length;
      position.set(name, n);
    }
    return { ...token, kind: "positional", text: `$${n}` };
  });
  const unused = [...byName.keys()].filter((name) => !position.has(name));
  if (unused.length > 0) {
    throw new ParameterError(
      `Parameters list contains unused parameters. Unused parameters: [${unused.join(", ")}]`,
    );
  }
  return { tokens, values };
}
