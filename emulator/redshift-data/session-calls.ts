/**
 * What ExecuteStatement and BatchExecuteStatement do about sessions before any SQL runs
 * (session-store.ts keeps them).
 * - `SessionKeepAliveSeconds` (0..86400, the model's SessionAliveSeconds) without `SessionId`
 *   opens a session on the warehouse the call names, after the usual authorization and credential
 *   step; past the open-session quota (500 per cluster or workgroup) it is
 *   ActiveSessionsExceededException.
 * - `SessionId` runs in that session: the call names no ClusterIdentifier, WorkgroupName,
 *   Database, DbUser or SecretArn (the session already has its connection and DB user, so no
 *   credential step runs again); `redshift-data:<Action>` is still authorized, on the session's
 *   cluster or workgroup, with `redshift-data:session-owner-iam-userid` set to the aws:userid of
 *   whoever opened it (data-api-authorize.ts): a policy conditioned on `${aws:userid}` keeps the
 *   session to its owner. A session exists only in its account and region; elsewhere its id is
 *   unknown. A session runs one statement at a time: a second while one runs is refused, not
 *   queued (AWS's launch post: "no query queuing").
 * - The order of those checks is inferred [I].
 * - A SessionKeepAliveSeconds sent with SessionId sets the session's keep-alive from then on [I].
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html
 */
import { randomUUID } from "node:crypto";
import type { OperationContext } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeOnWarehouse } from "./data-api-authorize.ts";
import {
  activeSessionsExceeded,
  badKeepAlive,
  badSessionId,
  ID_PATTERN,
  sessionInvalid,
  sessionNotAvailable,
  sessionWithTarget,
  validation,
} from "./data-api-errors.ts";
import type { ResolvedWarehouse } from "./resolve-warehouse.ts";
import { MAX_KEEP_ALIVE_SECONDS, type SessionRecord } from "./session-store.ts";
import type { StatementOwner } from "./statement-record.ts";

const TARGET_PARAMETERS = ["ClusterIdentifier", "WorkgroupName", "Database", "DbUser", "SecretArn"] as const;

/** SessionKeepAliveSeconds as sent, checked against the model's range. */
export function keepAliveOf(input: Record<string, unknown>): number | undefined {
  const value = input.SessionKeepAliveSeconds;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value))
    throw validation("SessionKeepAliveSeconds must be a whole number of seconds, from 0 to 86400.");
  if (value < 0) throw badKeepAlive(value, "greater");
  if (value > MAX_KEEP_ALIVE_SECONDS) throw badKeepAlive(value, "less");
  return value;
}

/**
 * The session a call names with SessionId, open (the caller refuses it while BUSY, after a
 * ClientToken replay had its chance); undefined without one.
 */
export function sessionForCall(world: World, ctx: OperationContext): SessionRecord | undefined {
  const id = ctx.input.SessionId;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) throw badSessionId();
  const given = TARGET_PARAMETERS.filter((name) => ctx.input[name] !== undefined && ctx.input[name] !== null);
  if (given.length > 0) throw sessionWithTarget(given);
  const keepAlive = keepAliveOf(ctx.input);
  world.dataApi.sessions.sweep(ctx.now);
  const session = world.dataApi.sessions.get(id);
  if (!session || session.account !== ctx.caller.account || session.region !== ctx.region)
    throw sessionInvalid(id);
  authorizeOnWarehouse(ctx, session.warehouse.arn, session.account, session.owner.userId);
  if (session.status === "CLOSED") throw sessionNotAvailable();
  if (keepAlive !== undefined) session.keepAliveSeconds = keepAlive;
  return session;
}

/** Opens a session on `warehouse` for the statement about to run (BUSY until it ends). */
export function openSession(
  world: World,
  ctx: OperationContext,
  warehouse: ResolvedWarehouse,
  keepAliveSeconds: number,
  owner: StatementOwner,
): SessionRecord {
  const sessions = world.dataApi.sessions;
  if (sessions.openOn(warehouse.account, warehouse.region, warehouse) >= world.dataApi.quotas.maxOpenSessions)
    throw activeSessionsExceeded();
  const session: SessionRecord = {
    id: randomUUID(),
    account: warehouse.account,
    region: warehouse.region,
    owner,
    keepAliveSeconds,
    status: "BUSY",
    createdAt: ctx.now,
    updatedAt: ctx.now,
    warehouse,
  };
  sessions.add(session);
  return session;
}
