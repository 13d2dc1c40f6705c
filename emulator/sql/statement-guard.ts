/**
 * Decides, before a user statement reaches Postgres, whether it runs, is refused, or is answered
 * without running.
 *
 * Refused (SQLSTATE 42501): anything that would change the identity the engine set for the call —
 * `SET [SESSION|LOCAL] ROLE`, `SET … SESSION AUTHORIZATION`, `SET role|session_authorization
 * TO/=`, `RESET ROLE`, `RESET SESSION AUTHORIZATION`, `RESET ALL` — anonymous `DO` blocks,
 * which Redshift does not have and which could run those commands dynamically, and `DISCARD`,
 * which Redshift does not have either and which would reset the identity (`DISCARD ALL`) or drop
 * the temp tables other Data API sessions parked on the shared backend (`DISCARD TEMP`).
 * The backend is superuser underneath (docs/architecture.md, SQL engine), so this guard, the revoked `set_config`, and the
 * identity check after each statement in `sql-worker.js` together keep a user inside their grants.
 *
 * Answered without running: transaction control (`BEGIN`, `START TRANSACTION`, `COMMIT`, `END`,
 * `ROLLBACK`, `ABORT`) and `VACUUM`. Every call already runs in its own transaction (a Data API
 * call is its own session, a batch is one transaction), so these have nothing to do, and letting
 * COMMIT through would end the engine's transaction early. A single statement of a Data API
 * session (`inSession`) runs transaction control: the session is a connection, so a transaction
 * may span its calls.
 *
 * Known gaps: `RESET ALL`, `DO` and `DISCARD` wording is the emulator's own ([I]); a user ROLLBACK inside a
 * batch does not roll the batch back.
 */
import { isKeyword, significant, type Token } from "./sql-lexer.ts";
import type { WorkerError } from "./worker-protocol.ts";

/** A refusal is shaped like a server error so it is worded by the same `toSqlError`. */
export type GuardDecision =
  | { action: "run" }
  | { action: "skip"; command: string }
  | { action: "refuse"; error: WorkerError };

const refuse = (message: string, code: string, position?: number): GuardDecision => ({
  action: "refuse",
  error: { name: "DatabaseError", severity: "ERROR", message, code, position: position?.toString() },
});
const denied = (message: string) => refuse(message, "42501");
const ROLE = "permission denied to set role";
const AUTHORIZATION = "permission denied to set session authorization";

export function guardStatement(tokens: Token[], options: { inSession?: boolean } = {}): GuardDecision {
  const [a, b, c, d] = significant(tokens);
  if (!a) return { action: "run" };
  const word = a.text.toLowerCase();

  if (isKeyword(a, "set")) {
    const rest = isKeyword(b, "session", "local") && !isKeyword(c, "characteristics") ? [c, d] : [b, c];
    if (isKeyword(rest[0], "role")) return denied(ROLE);
    if (isKeyword(rest[0], "session") && isKeyword(rest[1], "authorization")) return denied(AUTHORIZATION);
    if (isKeyword(rest[0], "session_authorization")) return denied(AUTHORIZATION);
    if (isKeyword(b, "session") && isKeyword(c, "authorization")) return denied(AUTHORIZATION);
    return { action: "run" };
  }
  if (isKeyword(a, "reset")) {
    if (isKeyword(b, "role")) return denied(ROLE);
    if (isKeyword(b, "session_authorization") || (isKeyword(b, "session") && isKeyword(c, "authorization"))) {
      return denied(AUTHORIZATION);
    }
    if (isKeyword(b, "all")) return denied("permission denied to reset all parameters");
    return { action: "run" };
  }
  if (isKeyword(a, "do", "discard")) {
    return refuse(`syntax error at or near "${a.text}"`, "42601", a.start + 1);
  }
  if (options.inSession && isKeyword(a, "begin", "commit", "end", "abort", "start", "rollback"))
    return { action: "run" };
  if (isKeyword(a, "begin", "commit", "end", "abort", "vacuum"))
    return { action: "skip", command: word.toUpperCase() };
  if (isKeyword(a, "start") && isKeyword(b, "transaction"))
    return { action: "skip", command: "START TRANSACTION" };
  if (isKeyword(a, "rollback") && !isKeyword(b, "to", "prepared")) {
    if (!(isKeyword(b, "work", "transaction") && isKeyword(c, "to")))
      return { action: "skip", command: "ROLLBACK" };
  }
  return { action: "run" };
}
