/**
 * The Data API's state in a world (the world's `dataApi` slot): statements per (account, region),
 * so a statement is visible only in the account and region it was submitted in (anywhere else its
 * id is "Query does not exist.", docs/failures.md L4-11), and the Redshift process ids
 * statements report, counted per world so every run of a setup reports the same ones.
 * Also the per-(account, region) quotas of the Data API:
 * - TPS, counted over a sliding second of the emulator's clock (injectable, so tests need no
 *   sleeps): ExecuteStatement 30, BatchExecuteStatement 20 [I], DescribeStatement 100,
 *   GetStatementResult 20 (catalog 0.3, jitsucom/jitsu#1462);
 * - active (non-final) statements: 500 by default [I]; `setDataApiQuotas` changes the limits.
 * - open sessions per cluster or workgroup: 500 (session-store.ts).
 * Every call through `scopeFor` first closes the sessions whose keep-alive ran out.
 * https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-calling-considerations.html
 *
 * ClientToken: a submission repeated with the same token by the same principal in the same account
 * and region gets the statement already submitted back (same Id), not a second run — what makes an
 * SDK retry after a dropped answer safe.
 * A ClientToken reused with other SQL or another target: ValidationException, its text inferred [I].
 *
 * Known gaps: results and client tokens are kept for the life of the world (AWS keeps results 24
 * hours and does not document how long a token is remembered).
 */
import { AccountRegionStore } from "../world/account-region-store.ts";
import type { World } from "../world/world.ts";
import { activeStatementsExceeded, throttled } from "./data-api-errors.ts";
import { DataApiSessions, MAX_OPEN_SESSIONS } from "./session-store.ts";
import { FINAL, type StatementRecord } from "./statement-record.ts";

export interface DataApiQuotas {
  tps: Record<string, number>;
  maxActiveStatements: number;
  maxOpenSessions: number;
}

const DEFAULT_QUOTAS: DataApiQuotas = {
  tps: { ExecuteStatement: 30, BatchExecuteStatement: 20, DescribeStatement: 100, GetStatementResult: 20 },
  maxActiveStatements: 500,
  maxOpenSessions: MAX_OPEN_SESSIONS,
};

/** The statements of one (account, region), with its calls counted for the TPS quotas. */
export class StatementScope {
  readonly records = new Map<string, StatementRecord>();
  readonly #calls = new Map<string, number[]>();
  readonly #tokens = new Map<string, { id: string; fingerprint: string }>();

  /** The statement a ClientToken already submitted, keyed by who sent it and where. */
  byClientToken(key: string): { id: string; fingerprint: string } | undefined {
    return this.#tokens.get(key);
  }

  rememberClientToken(key: string, id: string, fingerprint: string): void {
    this.#tokens.set(key, { id, fingerprint });
  }

  /** The statement `id` (a parent id, or `parent:N`). */
  find(id: string): StatementRecord | undefined {
    return this.records.get(id.split(":")[0]!);
  }

  add(record: StatementRecord): void {
    this.records.set(record.id, record);
  }

  /** Counts one call of `operation`; throws AWS's throttling error past its TPS `limit`. */
  throttle(operation: string, limit: number | undefined, now: Date): void {
    if (limit === undefined) return;
    const t = now.getTime();
    const recent = (this.#calls.get(operation) ?? []).filter((at) => at > t - 1000 && at <= t);
    if (recent.length >= limit) {
      this.#calls.set(operation, recent);
      throw throttled();
    }
    recent.push(t);
    this.#calls.set(operation, recent);
  }

  active(): number {
    return [...this.records.values()].filter((r) => !FINAL.has(r.status)).length;
  }
}

export class DataApiState {
  readonly statements = new AccountRegionStore(() => new StatementScope());
  readonly sessions = new DataApiSessions();
  quotas: DataApiQuotas = structuredClone(DEFAULT_QUOTAS);
  #nextPid = 1_073_741_000;

  /** The statements of (account, region), after counting this call against the TPS quota. */
  scopeFor(operation: string, account: string, region: string, now: Date): StatementScope {
    const scope = this.statements.get(account, region);
    scope.throttle(operation, this.quotas.tps[operation], now);
    this.sessions.sweep(now);
    return scope;
  }

  /** Throws ActiveStatementsExceededException when one more would pass the active limit. */
  checkActive(scope: StatementScope): void {
    if (scope.active() >= this.quotas.maxActiveStatements) throw activeStatementsExceeded();
  }

  /** The Redshift process id of the next statement. */
  nextPid(): number {
    return this.#nextPid++;
  }
}

/** Changes the Data API quotas of a world (tests, or a setup that models a tighter account). */
export function setDataApiQuotas(
  world: World,
  quotas: { tps?: Record<string, number>; maxActiveStatements?: number; maxOpenSessions?: number },
): void {
  const state = world.dataApi;
  state.quotas = {
    tps: { ...state.quotas.tps, ...(quotas.tps ?? {}) },
    maxActiveStatements: quotas.maxActiveStatements ?? state.quotas.maxActiveStatements,
    maxOpenSessions: quotas.maxOpenSessions ?? state.quotas.maxOpenSessions,
  };
}
