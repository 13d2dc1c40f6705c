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
 * Known gaps: a batch that contains COPY fails at the COPY without running (the COPY port has no
 * transaction to join); cancelling a running statement restarts its database from the last
 * checkpoint (SQL engine limitation, see worker-host.ts); WithEvent sends no EventBridge event.
 */
import { isCopyStatement } from "../redshift/copy/index.ts";
import type { CopyExecutor, DbSession } from "../redshift/index.ts";
import { type ExecuteResult, SqlError } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import type { ResolvedWarehouse } from "./resolve-warehouse.ts";
import type { StatementRecord, StatementStatus, SubStatement } from "./statement-record.ts";

const COPY_IN_BATCH = "chaincheck emulator: COPY inside BatchExecuteStatement is not supported";

function errorText(error: unknown): string {
  if (error instanceof SqlError) return error.message;
  return `ERROR: ${error instanceof Error ? error.message : String(error)}`;
}

export function startStatement(
  world: World,
  copy: CopyExecutor,
  record: StatementRecord,
  warehouse: ResolvedWarehouse,
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
      if (aborted()) return;
      move("PICKED");
      let session: DbSession;
      try {
        session = await warehouse.open();
      } catch (error) {
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
        const results = await run(world, copy, record, warehouse, session);
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
        if (error instanceof SqlError && error.queryId)
          record.subs[failedAt]!.redshiftQueryId = error.queryId;
        move("FINISHED", record.subs.slice(0, failedAt));
        move("ABORTED", record.subs.slice(failedAt + 1));
        move("FAILED", [record.subs[failedAt]!]);
      }
    })();
  });
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
  if (!record.isBatch) {
    const sql = sqls[0]!;
    if (isCopyStatement(sql)) {
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
      });
      return [
        { columns: [], rows: [], rowCount: out.rowsLoaded, command: "COPY", queryId: out.queryId ?? 0 },
      ];
    }
    return [await session.db.execute(sql, { user: session.sqlUser, parameters: record.parameters, signal })];
  }
  const copyAt = sqls.findIndex((sql) => isCopyStatement(sql));
  if (copyAt >= 0) throw new SqlError(COPY_IN_BATCH, { code: "0A000", statementIndex: copyAt });
  return session.db.executeBatch(sqls, { user: session.sqlUser, signal });
}
