/**
 * Messages between `worker-host.ts` and `sql-worker.js` (which cannot import this file: it is plain
 * JavaScript so it needs no TypeScript loader). Keep both sides in step.
 */

export interface WorkerStatement {
  sql: string;
  /** Values for `$1…$n`, all text; the backend infers their types. */
  values?: string[];
  /** Bytes served to `COPY … FROM '/dev/blob'`. */
  blob?: ArrayBuffer;
}

export type WorkerRequest =
  /** `database`: also the named copy (`named` in the reply), from the same instance. */
  | { op: "build-template"; sql: readonly string[]; database?: string }
  | { op: "build-database"; templatePath: string; database: string }
  | {
      op: "open";
      templatePath?: string;
      tarball?: ArrayBuffer;
      wasmModule?: WebAssembly.Module;
      database?: string;
    }
  | { op: "admin"; statement: WorkerStatement; sessionId?: string }
  | {
      op: "session";
      user: string;
      statements: WorkerStatement[];
      loadGrant?: boolean;
      /** A Data API session: its state lives on between calls (session-state.js). */
      sessionId?: string;
      /** Run the statements as one transaction (a batch) rather than each on its own. */
      batch?: boolean;
    }
  | { op: "end-session"; sessionId: string }
  | { op: "dump" }
  /** Drops the database so the worker can serve another (worker-host.ts, spare workers). */
  | { op: "release" };
// Also `{ op: "preopen", templatePath, database, wasmModule? }`, without id or reply: sent once by
// early-start.js (not by the host) to a worker it starts before the CLI loads; see sql-worker.js.

export interface WorkerField {
  name: string;
  typeId: number;
  typeName: string;
  typeModifier: number;
  /** Data API convention: 0 = NOT NULL, 1 = nullable, 2 = unknown (computed column). */
  nullable: 0 | 1 | 2;
  schemaName: string;
  tableName: string;
}

export interface WorkerResult {
  /** Command tag without its counts: "SELECT", "INSERT", "CREATE TABLE". */
  command: string;
  rowCount: number;
  fields: WorkerField[];
  /** Text-format values as Postgres sent them. */
  rows: (string | null)[][];
  /** For big results: the rows as JSON slices, in order (then `rows` is empty). */
  rowSlices?: string[];
}

export interface WorkerReply {
  results?: WorkerResult[];
  tarball?: ArrayBuffer;
  /** build-template with `database`: the named copy's tarball. */
  named?: ArrayBuffer;
  /** After a session call: the session left a transaction open (BEGIN without COMMIT yet). */
  inTransaction?: boolean;
}

/** Server error fields only (never the query text or parameters). */
export interface WorkerError {
  name: string;
  message: string;
  severity?: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
  /** Which statement of a session failed. */
  statementIndex?: number;
  /** `SessionHeld`: the session whose open transaction holds the backend. */
  owner?: string;
  /** A failed session call: whether the session's transaction is still open (aborted). */
  inTransaction?: boolean;
}

/**
 * Big results travel as several `rows` messages before the final reply (whose results then hold
 * no rows for them), each slice as JSON text: strings cross threads as a plain copy, and the host
 * parses the slices one per turn of its event loop (`toExecuteResultAsync`), so a 100k-row result
 * never stalls the HTTP server for long. (Structured-cloning the row arrays instead cost the host
 * ~150 ms in one go: Node drains a port's queued messages in a single task.)
 */
export const ROWS_PER_MESSAGE = 2000;

export type WorkerResponse =
  | { id: number; ok: true; result: WorkerReply }
  | { id: number; ok: false; error: WorkerError }
  | { id: number; rows: { result: number; json: string } };
