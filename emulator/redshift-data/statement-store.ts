/**
 * The statements of a world, keyed by id; a statement is visible only in the account and region it
 * was submitted in (anywhere else its id is "Query does not exist.", docs/failure-catalog.md L4-11).
 * Also the per-(account, region) quotas of the Data API:
 * - TPS, counted over a sliding second of the emulator's clock (injectable, so tests need no
 *   sleeps): ExecuteStatement 30, BatchExecuteStatement 20 [I], DescribeStatement 100,
 *   GetStatementResult 20 (catalog 0.3, jitsucom/jitsu#1462);
 * - active (non-final) statements: 500 by default [I]; `setDataApiQuotas` changes the limits.
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
import type { World } from "../world/world.ts";
import { activeStatementsExceeded, throttled } from "./data-api-errors.ts";
import { FINAL, type StatementRecord } from "./statement-record.ts";

export interface DataApiQuotas {
  tps: Record<string, number>;
  maxActiveStatements: number;
}

const DEFAULT_QUOTAS: DataApiQuotas = {
  tps: { ExecuteStatement: 30, BatchExecuteStatement: 20, DescribeStatement: 100, GetStatementResult: 20 },
  maxActiveStatements: 500,
};

export class StatementStore {
  readonly records = new Map<string, StatementRecord>();
  quotas: DataApiQuotas = structuredClone(DEFAULT_QUOTAS);
  readonly #calls = new Map<string, number[]>();
  readonly #tokens = new Map<string, { id: string; fingerprint: string }>();

  /** The statement a ClientToken already submitted, keyed by who sent it and where. */
  byClientToken(key: string): { id: string; fingerprint: string } | undefined {
    return this.#tokens.get(key);
  }

  rememberClientToken(key: string, id: string, fingerprint: string): void {
    this.#tokens.set(key, { id, fingerprint });
  }

  /** The statement `id` (a parent id, or `parent:N`) as seen from (account, region). */
  find(account: string, region: string, id: string): StatementRecord | undefined {
    const record = this.records.get(id.split(":")[0]!);
    return record && record.account === account && record.region === region ? record : undefined;
  }

  add(record: StatementRecord): void {
    this.records.set(record.id, record);
  }

  inScope(account: string, region: string): StatementRecord[] {
    return [...this.records.values()].filter((r) => r.account === account && r.region === region);
  }

  /** Counts one call of `operation`; throws AWS's throttling error past its TPS quota. */
  throttle(operation: string, account: string, region: string, now: Date): void {
    const limit = this.quotas.tps[operation];
    if (limit === undefined) return;
    const key = `${operation}/${account}/${region}`;
    const t = now.getTime();
    const recent = (this.#calls.get(key) ?? []).filter((at) => at > t - 1000 && at <= t);
    if (recent.length >= limit) {
      this.#calls.set(key, recent);
      throw throttled();
    }
    recent.push(t);
    this.#calls.set(key, recent);
  }

  /** Throws ActiveStatementsExceededException when `extra` more would pass the active limit. */
  checkActive(account: string, region: string): void {
    const active = this.inScope(account, region).filter((r) => !FINAL.has(r.status)).length;
    if (active >= this.quotas.maxActiveStatements) throw activeStatementsExceeded();
  }
}

const stores = new WeakMap<World, StatementStore>();

export function statementStoreFor(world: World): StatementStore {
  let store = stores.get(world);
  if (!store) {
    store = new StatementStore();
    stores.set(world, store);
  }
  return store;
}

/** Changes the Data API quotas of a world (tests, or a setup that models a tighter account). */
export function setDataApiQuotas(
  world: World,
  quotas: { tps?: Record<string, number>; maxActiveStatements?: number },
): void {
  const store = statementStoreFor(world);
  store.quotas = {
    tps: { ...store.quotas.tps, ...(quotas.tps ?? {}) },
    maxActiveStatements: quotas.maxActiveStatements ?? store.quotas.maxActiveStatements,
  };
}
