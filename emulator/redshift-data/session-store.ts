/**
 * Data API sessions (`SessionKeepAliveSeconds` → `SessionId`): a database connection the Data API
 * keeps open between calls, so temp tables, `SET` parameters and an open transaction carry from
 * one statement to the next (the SQL engine keeps that state: emulator/sql/session-state.js).
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_SessionData.html
 *
 * Lifecycle: a statement submitted with SessionKeepAliveSeconds opens the session (BUSY while a
 * statement runs, AVAILABLE between statements); it closes (CLOSED) SessionKeepAliveSeconds after
 * its last statement finished, and 24 hours after it opened at the latest (the API reference's
 * "maximum time a session can keep alive"). Expiry is judged on the world's clock whenever the Data
 * API is called (no timers, so tests advance an injected clock); closing one rolls back its open
 * transaction and drops its temp tables. Sessions are kept per world, CLOSED ones included, for
 * ListSessions.
 *
 * Known gaps: a statement still running at the 24-hour mark is not terminated; the 500 open
 * sessions per cluster or workgroup come from AWS's launch post, not the quotas page.
 */
import type { DbSession } from "../redshift/index.ts";
import type { ResolvedWarehouse } from "./resolve-warehouse.ts";
import type { StatementOwner } from "./statement-record.ts";

export type SessionStatus = "AVAILABLE" | "BUSY" | "CLOSED";

export const MAX_KEEP_ALIVE_SECONDS = 86_400;
export const MAX_OPEN_SESSIONS = 500;

export interface SessionRecord {
  id: string;
  account: string;
  region: string;
  owner: StatementOwner;
  keepAliveSeconds: number;
  status: SessionStatus;
  createdAt: Date;
  updatedAt: Date;
  /** When it closes unless a statement runs first; unset while BUSY. */
  expiresAt?: Date;
  currentStatementId?: string;
  warehouse: ResolvedWarehouse;
  /** The session's connection, once its first statement logged in. */
  connection?: DbSession;
}

export class DataApiSessions {
  readonly #sessions = new Map<string, SessionRecord>();

  get(id: string): SessionRecord | undefined {
    return this.#sessions.get(id);
  }

  add(session: SessionRecord): void {
    this.#sessions.set(session.id, session);
  }

  all(): SessionRecord[] {
    return [...this.#sessions.values()];
  }

  /** Open sessions on the same cluster or workgroup (the ActiveSessionsExceeded quota counts them). */
  openOn(account: string, region: string, warehouse: ResolvedWarehouse): number {
    return this.all().filter(
      (s) =>
        s.status !== "CLOSED" &&
        s.account === account &&
        s.region === region &&
        s.warehouse.clusterIdentifier === warehouse.clusterIdentifier &&
        s.warehouse.workgroupName === warehouse.workgroupName,
    ).length;
  }

  /** Closes every session whose keep-alive ran out by `now`. */
  sweep(now: Date): void {
    for (const session of this.#sessions.values()) {
      if (session.status !== "AVAILABLE" || !session.expiresAt || session.expiresAt > now) continue;
      close(session, session.expiresAt);
    }
  }
}

/** Marks the session BUSY with `statementId`. */
export function occupy(session: SessionRecord, statementId: string, now: Date): void {
  session.status = "BUSY";
  session.currentStatementId = statementId;
  session.expiresAt = undefined;
  session.updatedAt = now;
}

/** After its statement ended: AVAILABLE again, and closing SessionKeepAliveSeconds from `now`. */
export function release(session: SessionRecord, now: Date): void {
  if (session.status === "CLOSED") return;
  if (session.keepAliveSeconds === 0) {
    close(session, now);
    return;
  }
  const limit = session.createdAt.getTime() + MAX_KEEP_ALIVE_SECONDS * 1000;
  session.status = "AVAILABLE";
  session.currentStatementId = undefined;
  session.updatedAt = now;
  session.expiresAt = new Date(Math.min(now.getTime() + session.keepAliveSeconds * 1000, limit));
}

/** Closes the session and drops its state in the database (its open transaction rolls back). */
export function close(session: SessionRecord, at: Date): void {
  session.status = "CLOSED";
  session.currentStatementId = undefined;
  session.updatedAt = at;
  const db = session.connection?.db;
  session.connection = undefined;
  if (db) void db.endSession(session.id).catch(() => undefined);
}
