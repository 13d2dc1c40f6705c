/**
 * Runs a submitted statement asynchronously on the SQL engine, moving it through AWS's lifecycle:
 * SUBMITTED (ExecuteStatement returned) → PICKED (taken off the queue, logging in) → STARTED (SQL
 * running) → FINISHED | FAILED | ABORTED. SQL errors are not API errors: the statement ends FAILED
 * with Redshift's text in `Error` (docs/failures.md L3-03, L4-05..L4-07).
 *
 * COPY: every statement for which `isCopyStatement(sql)` holds goes to the CopyExecutor the Data API
 * was built with (`emulator/redshift/copy-executor.ts`; emulator/assemble.ts passes `runCopy`).
 * A batch runs as one transaction (Database.executeBatch): a failing sub-statement rolls every one
 * back; it ends FAILED, later ones ABORTED, the parent FAILED with the same error.
 *
 * A statement of a session runs on the session's connection (logged in by its first statement)
 * with the session's state; when it ends the session is AVAILABLE again and its keep-alive starts
 * (session-store.ts).
 * A session whose first statement cannot log in is closed [I].
 *
 * Known gaps: a batch that contains COPY fails at the COPY without running (the COPY port has no
 * transaction to join); a COPY in a session (it loads in the session's state, so into its temp
 * tables) is refused while the session has a transaction open; cancelling a running statement
 * restarts its database from the last checkpoint (SQL engine limitation, see worker-host.ts),
 * which also loses every session's state on it; WithEvent sends no EventBridge event.
 */
import { isCopyStatement } from "../redshift/copy/index.ts";
import type { CopyExecutor, DbSession } from "../redshift/index.ts";
import { type ExecuteResult, SqlError } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import type { ResolvedWarehouse } from "./resolve-warehouse.ts";
import { close, release, type SessionRecord } from "./session-store.ts";
import type { StatementRecord, StatementStatus, SubStatement } from "./statement-record.ts";

const COPY_IN_BATCH = "chaincheck emulator: COPY inside BatchExecuteStatement is not supported";
const COPY_IN_SESSION_TRANSACTION =
  "chaincheck emulator: COPY inside a transaction left open across a session's statements is not supported";

function errorText(error: unknown): string {
  if (error instanceof SqlError) return error.message;
  return `ERROR: ${error instanceof Error ? error.message : String(error)}`;
}

export function startStatement(
  world: World,
  copy: CopyExecutor,
  record: StatementRecord,
  warehouse: ResolvedWarehouse,
  session?: SessionRecord,
): void {
  const move = (status: StatementStatus, subs: SubStatement[] = record.subs) => {
    const now = world.clock();
    record.status = status;
    record.updatedAt = now;
    for (const sub of subs) {
      sub.status = status;
      sub.updatedAt = now;
    }
  };
  const aborted = () => record.abort.signal.aborted;

  setImmediate(() => {
    void (async () => {
      try {
        await lifecycle();
      } finally {
        if (session) release(session, world.clock());
      }
    })();
  });

  async function lifecycle(): Promise<void> {
    if (aborted()) return;
    move("PICKED");
    let connection: DbSession;
    try {
      connection = session?.connection ?? (await warehouse.open());
      if (session) session.connection = connection;
    } catch (error) {
      if (session) close(session, world.clock());
      if (aborted()) return;
      record.error = errorText(error);
      for (const sub of record.subs) sub.error = record.error;
      move("FAILED");
      return;
    }
    if (aborted()) return;
    move("STARTED");
    const started = process.hrtime.bigint();
    try {
      const results = await run(world, copy, record, warehouse, connection);
      if (aborted()) return;
      const durationNs = Number(process.hrtime.bigint() - started);
      record.subs.forEach((sub, i) => {
        sub.result = results[i];
        sub.redshiftQueryId = results[i]?.queryId ?? 0;
        sub.durationNs = Math.max(1, Math.round(durationNs / record.subs.length));
      });
      record.durationNs = durationNs;
      move("FINISHED");
    } catch (error) {
      record.durationNs = Number(process.hrtime.bigint() - started);
      const text = errorText(error);
      if (aborted()) {
        record.error = text;
        return;
      }
      const failedAt = error instanceof SqlError && record.isBatch ? (error.statementIndex ?? 0) : 0;
      record.error = text;
      record.subs.forEach((sub, i) => {
        if (i < failedAt) return;
        if (i === failedAt) sub.error = text;
      });
      // A statement that failed after Redshift gave it a query id (a COPY) still reports it.
      if (error instanceof SqlError && error.queryId) record.subs[failedAt]!.redshiftQueryId = error.queryId;
      move("FINISHED", record.subs.slice(0, failedAt));
      move("ABORTED", record.subs.slice(failedAt + 1));
      move("FAILED", [record.subs[failedAt]!]);
    }
  }
}

async function run(
  world: World,
  copy: CopyExecutor,
  record: StatementRecord,
  warehouse: ResolvedWarehouse,
  session: DbSession,
): Promise<ExecuteResult[]> {
  const signal = record.abort.signal;
  const sqls = record.subs.map((s) => s.sql);
  const inSession = record.sessionId;
  if (!record.isBatch) {
    const sql = sqls[0]!;
    if (isCopyStatement(sql)) {
      if (inSession && session.db.heldBy === inSession)
        throw new SqlError(COPY_IN_SESSION_TRANSACTION, { code: "0A000" });
      const out = await copy({
        world,
        cluster: warehouse.cluster ?? warehouse.workgroup?.copyState(),
        ...(warehouse.workgroup ? { sourceArn: warehouse.workgroup.arn } : {}),
        account: warehouse.account,
        region: warehouse.region,
        database: warehouse.database,
        db: session.db,
        sqlUser: session.sqlUser,
        sql,
        signal,
        session: inSession,
      });
      return [
        { columns: [], rows: [], rowCount: out.rowsLoaded, command: "COPY", queryId: out.queryId ?? 0 },
      ];
    }
    return [
      await session.db.execute(sql, {
        user: session.sqlUser,
        parameters: record.parameters,
        signal,
        session: inSession,
      }),
    ];
  }
  const copyAt = sqls.findIndex((sql) => isCopyStatement(sql));
  if (copyAt >= 0) throw new SqlError(COPY_IN_BATCH, { code: "0A000", statementIndex: copyAt });
  return session.db.executeBatch(sqls, { user: session.sqlUser, signal, session: inSession });
}
