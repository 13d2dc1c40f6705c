/**
 * The path from user SQL to what the worker runs: guard → bind `:name` parameters → rewrite the
 * Redshift dialect. Keeps each token's original offset so a Postgres error position can be mapped
 * back into the SQL the caller sent.
 */
import { bindParameterTokens, type SqlParameter } from "./parameters.ts";
import { rewriteRedshiftTokens } from "./redshift-rewriter.ts";
import { type Token, tokenize } from "./sql-lexer.ts";
import { guardStatement } from "./statement-guard.ts";
import type { WorkerError } from "./worker-protocol.ts";

export type PreparedStatement =
  | { kind: "run"; sql: string; values: string[]; mapPosition: (position: number) => number }
  | { kind: "skip"; command: string }
  | { kind: "refuse"; error: WorkerError };

export function prepareStatement(
  sql: string,
  parameters: readonly SqlParameter[] = [],
  options: { inSession?: boolean } = {},
): PreparedStatement {
  const tokens = tokenize(sql);
  const decision = guardStatement(tokens, options);
  if (decision.action === "refuse") return { kind: "refuse", error: decision.error };
  if (decision.action === "skip") return { kind: "skip", command: decision.command };
  const bound = bindParameterTokens(tokens, parameters);
  const rewritten = rewriteRedshiftTokens(bound.tokens);
  return {
    kind: "run",
    sql: rewritten.map((t) => t.text).join(""),
    values: bound.values,
    mapPosition: positionMapper(sql, rewritten),
  };
}

/** Maps a 1-based position in the rewritten SQL to one in the original. */
function positionMapper(original: string, tokens: Token[]): (position: number) => number {
  return (position) => {
    let offset = 0;
    for (const token of tokens) {
      const end = offset + token.text.length;
      if (position - 1 < end) {
        const unchanged = original.startsWith(token.text, token.start);
        return token.start + (unchanged ? position - 1 - offset : 0) + 1;
      }
      offset = end;
    }
    return Math.min(position, original.length + 1);
  };
}
