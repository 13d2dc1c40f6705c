/**
 * One emulated Redshift database: a PGlite instance in its own worker thread, seeded with users,
 * groups, grants and objects, running every statement as the calling database user.
 *
 * Lifecycle: created by `SqlEngine.database()`; its worker starts lazily, stops when the engine
 * needs the slot (`maxWorkers`, after a checkpoint) or on cancellation, and is rebuilt from the last
 * checkpoint — or, if none was taken, from the template plus the seed.
 *
 * Data API sessions: `execute`/`executeBatch` with `session` run in that session's state (temp
 * tables, settings, an open transaction; session-state.js), `endSession` drops it; session-gate.ts
 * holds other calls back while a session's transaction is open.
 *
 * Known gaps: state changed after the last checkpoint is lost when a running statement is
 * cancelled, and with it every session's state; `ALTER USER … PASSWORD` in SQL does not change
 * what `authenticate` accepts.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { describeTable, listSchemas, listTables } from "./catalog-queries.ts";
import { takeEarlyWorker } from "./early-start.js";
import { quoteIdent, quoteLiteral } from "./identifiers.ts";
import { prepareStatement } from "./prepare-statement.ts";
import { toExecuteResultAsync } from "./result-decoder.ts";
import { seedPlan } from "./seed-statements.ts";
import { SessionGate } from "./session-gate.ts";
import { cancelledError, SqlError, toSqlError, userNotFound } from "./sql-error.ts";
import { splitStatements } from "./sql-lexer.ts";
import type {
  Column,
  CopyFromBlobOptions,
  DatabaseKey,
  DatabaseSeed,
  ExecuteOptions,
  ExecuteResult,
  TableInfo,
} from "./types.ts";
import { type Send, WorkerHost } from "./worker-host.ts";
import type {
  WorkerError,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
  WorkerStatement,
} from "./worker-protocol.ts";

/** Carries a worker-side error to the caller, who words it with the statement's context. */
class WorkerFailure extends Error {
  constructor(readonly failure: WorkerError) {
    super(failure.message);
  }
}
class Cancelled extends Error {}

export interface DatabaseOptions {
  key: DatabaseKey;
  seed: DatabaseSeed;
  templatePath: string;
  /** pglite.wasm compiled (once per process, sql-engine.ts), asked for only when a worker loads
   *  without it otherwise: a worker adopted from the early start loads with its own. */
  wasmModule?: () => Promise<WebAssembly.Module>;
  onSpawn?: (db: Database) => Promise<void>;
  onStop?: (db: Database) => void;
}

export class Database {
  readonly key: DatabaseKey;
  readonly #options: DatabaseOptions;
  readonly #host: WorkerHost;
  readonly #passwords = new Map<string, { salt: Buffer; hash: Buffer }>();
  #checkpoint: ArrayBuffer | undefined;
  #queryId = 0;
  #hibernating: Promise<void> | undefined;
  readonly #gate = new SessionGate();

  constructor(options: DatabaseOptions) {
    this.key = options.key;
    this.#options = options;
    const { seed } = options;
    for (const user of [{ name: seed.masterUser, password: seed.masterPassword }, ...seed.users]) {
      if (user.password !== undefined) this.#passwords.set(user.name, hashPassword(user.password));
    }
    this.#host = new WorkerHost({
      init: (send, adopted) => this.#init(send, adopted),
      // `chaincheck run` starts a worker before the CLI loads, loading the template the last run
      // opened first (early-start.js); it is this database's first worker if that is its template.
      adopt: () =>
        this.#checkpoint
          ? undefined
          : takeEarlyWorker({ templatePath: options.templatePath, database: options.key.database }),
      cancelled: () => new Cancelled(),
      failed: (error) => new WorkerFailure(error),
      onSpawn: () => options.onSpawn?.(this) ?? Promise.resolve(),
      onStop: () => {
        this.#gate.free();
        options.onStop?.(this);
      },
    });
  }

  /** Starts the worker and applies the seed; seed errors reject here. */
  async open(): Promise<void> {
    await this.#host.run({ op: "admin", statement: { sql: "SELECT 1" } });
  }

  /** Runs one statement as `user` in its own transaction (a Data API ExecuteStatement). */
  async execute(sql: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const queryId = ++this.#queryId;
    const prepared = prepareStatement(sql, options.parameters, { inSession: options.session !== undefined });
    if (prepared.kind === "refuse") throw toSqlError(prepared.error, sql);
    const statements = prepared.kind === "run" ? [{ sql: prepared.sql, values: prepared.values }] : [];
    const mapPosition = prepared.kind === "run" ? prepared.mapPosition : undefined;
    const reply = await this.#call(
      { op: "session", user: options.user, statements, sessionId: options.session },
      { signal: options.signal, queryId, sql: [sql], mapPosition: [mapPosition] },
    );
    if (prepared.kind === "skip") return emptyResult(prepared.command, queryId);
    return toExecuteResultAsync(reply.results![0], queryId);
  }

  /**
   * Runs statements as one transaction (a Data API BatchExecuteStatement): all commit or none do.
   * A failure is a SqlError whose `statementIndex` names the statement that failed.
   */
  async executeBatch(sqls: string[], options: Omit<ExecuteOptions, "parameters">): Promise<ExecuteResult[]> {
    const queryId = ++this.#queryId;
    const prepared = sqls.map((sql) => prepareStatement(sql));
    const refused = prepared.findIndex((p) => p.kind === "refuse");
    if (refused >= 0) {
      const p = prepared[refused] as Extract<(typeof prepared)[number], { kind: "refuse" }>;
      throw toSqlError({ ...p.error, statementIndex: refused }, sqls[refused]);
    }
    const runIndex: number[] = [];
    const statements: WorkerStatement[] = [];
    prepared.forEach((p, i) => {
      if (p.kind !== "run") return;
      runIndex.push(i);
      statements.push({ sql: p.sql, values: p.values });
    });
    const reply = await this.#call(
      { op: "session", user: options.user, statements, sessionId: options.session, batch: true },
      {
        signal: options.signal,
        queryId,
        sql: runIndex.map((i) => sqls[i]),
        mapPosition: runIndex.map((i) => (prepared[i].kind === "run" ? prepared[i].mapPosition : undefined)),
        statementIndex: runIndex,
      },
    );
    const results = reply.results!;
    const out: ExecuteResult[] = [];
    for (const [i, p] of prepared.entries()) {
      out.push(
        p.kind === "run"
          ? await toExecuteResultAsync(results[runIndex.indexOf(i)], queryId)
          : emptyResult(p.kind === "skip" ? p.command : "", queryId),
      );
    }
    return out;
  }

  /**
   * Loads rows into a table as `user` through `COPY … FROM '/dev/blob'`: the user's INSERT privilege,
   * constraints and types apply, and a failed load changes nothing. Returns the rows loaded; a bad
   * row is a SqlError whose `where` reads like `COPY t, line 3, column a: "x"`.
   */
  async copyFromBlob(options: CopyFromBlobOptions): Promise<{ rowsLoaded: number; queryId: number }> {
    const queryId = ++this.#queryId;
    const table = [options.table.schema, options.table.name]
      .filter((p) => p !== undefined)
      .map((p) => quoteIdent(p!))
      .join(".");
    const columns = options.columns?.length ? ` (${options.columns.map(quoteIdent).join(", ")})` : "";
    const sql = `COPY ${table}${columns} FROM '/dev/blob' WITH (${copyOptions(options).join(", ")})`;
    const bytes =
      // A copy in a buffer of its own, to transfer: Buffer#slice is a view (often into Node's
      // shared pool, whose `.buffer` holds other data), so copy through the Uint8Array constructor.
      typeof options.data === "string"
        ? new TextEncoder().encode(options.data)
        : new Uint8Array(options.data);
    const blob = bytes.buffer as ArrayBuffer;
    const reply = await this.#call(
      {
        op: "session",
        user: options.user,
        statements: [{ sql, blob }],
        loadGrant: true,
        sessionId: options.session,
      },
      { signal: options.signal, queryId, sql: [sql], transfer: [blob] },
    );
    return { rowsLoaded: reply.results![0].rowCount, queryId };
  }

  /**
   * Runs SQL as the engine's own superuser, bypassing the guard and the dialect rewriter: for the
   * emulator itself (e.g. a COPY implementation writing `stl_load_errors`), never for user SQL.
   */
  async adminExecute(sql: string, values: string[] = [], session?: string): Promise<ExecuteResult> {
    const queryId = ++this.#queryId;
    const reply = await this.#call(
      { op: "admin", statement: { sql, values }, sessionId: session },
      { queryId, sql: [sql] },
    );
    return toExecuteResultAsync(reply.results![0], queryId);
  }

  /** Ends a Data API session: rolls back its open transaction, drops its temp tables and settings. */
  async endSession(session: string): Promise<void> {
    if (!this.#host.live) return;
    await this.#call({ op: "end-session", sessionId: session }, { queryId: this.#queryId, sql: [] });
    if (this.#gate.owner === session) this.#gate.free();
  }

  /** The session whose open transaction holds this database, if any. */
  get heldBy(): string | undefined {
    return this.#gate.owner;
  }

  listSchemas(options: { user: string; pattern?: string }): Promise<string[]> {
    return listSchemas(this, options.user, options.pattern);
  }

  listTables(options: { user: string; schemaPattern?: string; tablePattern?: string }): Promise<TableInfo[]> {
    return listTables(this, options.user, options.schemaPattern, options.tablePattern);
  }

  describeTable(options: { user: string; schema: string; table: string }): Promise<Column[]> {
    return describeTable(this, options.user, options.schema, options.table);
  }

  /** Checks a password login (Secrets Manager mode); errors in Redshift's FATAL wording. */
  async authenticate(user: string, password: string): Promise<void> {
    const exists = await this.adminExecute(
      "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1 AND rolcanlogin",
      [user],
    );
    if (exists.rowCount === 0) throw userNotFound(user);
    const stored = this.#passwords.get(user);
    const given = stored ? passwordDigest(password, stored.salt) : undefined;
    if (!stored || !given || !timingSafeEqual(stored.hash, given)) {
      throw new SqlError(`password authentication failed for user "${user}"`, {
        code: "28P01",
        severity: "FATAL",
      });
    }
  }

  /** Saves the current state in memory; a rebuilt worker (after cancel or hibernation) starts from it. */
  async checkpoint(): Promise<void> {
    const reply = await this.#host.run({ op: "dump" });
    this.#checkpoint = reply.tarball;
  }

  get live(): boolean {
    return this.#host.live;
  }

  /** No call queued, and no session holding a transaction open (it cannot be hibernated). */
  get idle(): boolean {
    return this.#host.idle && this.#gate.owner === undefined;
  }

  get lastUsed(): number {
    return this.#host.lastUsed;
  }

  /** Checkpoints and stops the worker to free its memory; the next call wakes it. */
  hibernate(): Promise<void> {
    this.#hibernating ??= (async () => {
      try {
        if (!this.#host.live) return;
        await this.checkpoint();
        await this.#host.stop();
      } finally {
        this.#hibernating = undefined;
      }
    })();
    return this.#hibernating;
  }

  close(): Promise<void> {
    return this.#host.close();
  }

  async #init(send: Send, adopted: boolean): Promise<void> {
    if (this.#checkpoint) {
      await send({
        op: "open",
        tarball: this.#checkpoint.slice(0),
        wasmModule: await this.#options.wasmModule?.(),
        database: this.key.database,
      });
      return;
    }
    // The open and every seed step are sent at once: the worker runs its messages one at a time in
    // order, so the seed costs the worker's time only, not a round trip per statement through this
    // thread (busy with the rest of a start). The first failure in that order is the one reported.
    const wasmModule = adopted ? undefined : await this.#options.wasmModule?.();
    const steps: Promise<unknown>[] = [
      send({
        op: "open",
        templatePath: this.#options.templatePath,
        wasmModule,
        database: this.key.database,
      }),
    ];
    const plan = seedPlan(this.key, this.#options.seed);
    const fail = (step: string) => (e: unknown) => {
      const error = e instanceof WorkerFailure ? toSqlError(e.failure) : (e as Error);
      throw new Error(
        `seeding ${this.key.clusterId}/${this.key.database} failed at ${step}: ${error.message}`,
      );
    };
    for (const sql of plan.roles) steps.push(send({ op: "admin", statement: { sql } }).catch(fail("roles")));
    const init = plan.init.flatMap((sql) => splitStatements(sql)).map((sql) => prepareStatement(sql));
    const statements = init.flatMap((p) => (p.kind === "run" ? [{ sql: p.sql, values: p.values }] : []));
    if (statements.length > 0) {
      steps.push(
        send({ op: "session", user: this.#options.seed.masterUser, statements }).catch(fail("initSql")),
      );
    }
    for (const sql of plan.grants)
      steps.push(send({ op: "admin", statement: { sql } }).catch(fail("grants")));
    await Promise.all(steps);
  }

  async #call(
    request: WorkerRequest,
    context: {
      queryId: number;
      sql: string[];
      signal?: AbortSignal;
      mapPosition?: (((p: number) => number) | undefined)[];
      statementIndex?: number[];
      transfer?: ArrayBuffer[];
    },
  ): Promise<WorkerReply & { results?: WorkerResult[] }> {
    const session =
      request.op === "session" || request.op === "end-session" || request.op === "admin"
        ? request.sessionId
        : undefined;
    try {
      for (;;) {
        await this.#gate.admit(session, context.signal, () => new Cancelled());
        try {
          const reply = await this.#host.run(request, { signal: context.signal, transfer: context.transfer });
          if (request.op === "session" && session !== undefined)
            this.#gate.settle(session, reply.inTransaction === true);
          return reply;
        } catch (e) {
          if (!(e instanceof WorkerFailure)) throw e;
          if (e.failure.name !== "SessionHeld" || !e.failure.owner) {
            if (request.op === "session" && session !== undefined)
              this.#gate.settle(session, e.failure.inTransaction === true);
            throw e;
          }
          this.#gate.hold(e.failure.owner);
        }
      }
    } catch (e) {
      if (e instanceof Cancelled) throw cancelledError(context.queryId);
      if (!(e instanceof WorkerFailure)) throw e;
      const i = e.failure.statementIndex ?? 0;
      const failure = {
        ...e.failure,
        statementIndex: context.statementIndex?.[i] ?? e.failure.statementIndex,
      };
      throw toSqlError(failure, context.sql[i] ?? "", context.mapPosition?.[i]);
    }
  }
}

function emptyResult(command: string, queryId: number): ExecuteResult {
  return { columns: [], rows: [], rowCount: 0, command, queryId };
}

function copyOptions(o: CopyFromBlobOptions): string[] {
  const out = [`FORMAT ${o.format === "text" ? "text" : "csv"}`];
  if (o.delimiter !== undefined) out.push(`DELIMITER ${quoteLiteral(o.delimiter)}`);
  if (o.null !== undefined) out.push(`NULL ${quoteLiteral(o.null)}`);
  if (o.header) out.push("HEADER true");
  if (o.quote !== undefined) out.push(`QUOTE ${quoteLiteral(o.quote)}`);
  if (o.escape !== undefined) out.push(`ESCAPE ${quoteLiteral(o.escape)}`);
  if (o.encoding !== undefined) out.push(`ENCODING ${quoteLiteral(o.encoding)}`);
  return out;
}

/** What the database keeps of a password: an HMAC under a random key of its own, so the plaintext
 *  is not held here and a login compares in constant time. Not scrypt: the setup that names the
 *  password is in the same memory, so a slow hash protects nothing, and scrypt's 30–50 ms on the
 *  main thread was paid per database and per Secrets Manager login (a sweep of the scenarios spent
 *  1.2 s of its 20 s there). */
function hashPassword(password: string): { salt: Buffer; hash: Buffer } {
  const salt = randomBytes(32);
  return { salt, hash: passwordDigest(password, salt) };
}

function passwordDigest(password: string, key: Buffer): Buffer {
  return createHmac("sha256", key).update(password, "utf8").digest();
}
