/**
 * ListSessions: the Data API sessions the caller opened in its account and region in the last 24
 * hours (session-store.ts), newest first. RoleLevel (default true) lists every session of the caller's role, false only this IAM
 * session's; Status defaults to AVAILABLE and BUSY (CLOSED on request); ClusterIdentifier (or
 * WorkgroupName) and Database filter. `SessionId` asks for one session and excludes the filters; a
 * session the caller cannot see is ResourceNotFoundException (awslabs/mcp#4587 reports it for a
 * session that never existed; its text is inferred, marked in data-api-errors.ts).
 * Authorized in data-api-authorize.ts.
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListSessions.html
 *
 * Known gaps: MaxResults is capped at 100, as ListStatements' is [I].
 */
import type { OperationContext, OperationDef } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeOnStatement } from "./data-api-authorize.ts";
import {
  badSessionId,
  conflictingWarehouses,
  ID_PATTERN,
  sessionFilterConflict,
  sessionNotFound,
  validation,
} from "./data-api-errors.ts";
import { listPage, maxResultsOf } from "./list-page.ts";
import type { SessionRecord, SessionStatus } from "./session-store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const STATUSES: SessionStatus[] = ["AVAILABLE", "BUSY", "CLOSED"];

const given = (v: unknown) => v !== undefined && v !== null;

function sessionShape(s: SessionRecord) {
  return {
    SessionId: s.id,
    Status: s.status,
    CreatedAt: s.createdAt,
    UpdatedAt: s.updatedAt,
    Database: s.warehouse.database,
    DbUser: s.warehouse.dbUser,
    ClusterIdentifier: s.warehouse.clusterIdentifier,
    WorkgroupName: s.warehouse.workgroupName,
    SessionAliveSeconds: s.keepAliveSeconds,
    SessionTtl: s.status === "CLOSED" ? s.updatedAt : s.expiresAt,
    CurrentStatementId: s.status === "BUSY" ? s.currentStatementId : undefined,
  };
}

function statusFilter(value: unknown): SessionStatus[] {
  if (!given(value)) return ["AVAILABLE", "BUSY"];
  if (!STATUSES.includes(value as SessionStatus))
    throw validation(
      `1 validation error detected: Value '${String(value)}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(", ")}]`,
    );
  return [value as SessionStatus];
}

function visible(world: World, ctx: OperationContext, roleLevel: boolean): SessionRecord[] {
  const principal = ctx.caller.roleArn ?? ctx.caller.arn;
  return world.dataApi.sessions
    .all()
    .filter((s) => s.account === ctx.caller.account && s.region === ctx.region)
    .filter((s) => s.createdAt.getTime() > ctx.now.getTime() - DAY_MS)
    .filter((s) => (roleLevel ? s.owner.principalKey === principal : s.owner.userId === ctx.caller.userId));
}

export function sessionOperations(world: World): Record<string, OperationDef> {
  return {
    ListSessions: {
      handler: (ctx) => {
        authorizeOnStatement(ctx);
        const input = ctx.input;
        world.dataApi.sessions.sweep(ctx.now);
        const roleLevel = input.RoleLevel !== false;
        if (given(input.SessionId)) {
          if ([input.Status, input.ClusterIdentifier, input.WorkgroupName, input.Database].some(given))
            throw sessionFilterConflict();
          const id = input.SessionId;
          if (typeof id !== "string" || !ID_PATTERN.test(id)) throw badSessionId();
          const found = visible(world, ctx, roleLevel).find((s) => s.id === id);
          if (!found) throw sessionNotFound(id);
          return { Sessions: [sessionShape(found)] };
        }
        if (given(input.ClusterIdentifier) && given(input.WorkgroupName)) throw conflictingWarehouses();
        const statuses = statusFilter(input.Status);
        const max = maxResultsOf(input);
        const matches = visible(world, ctx, roleLevel)
          .filter((s) => statuses.includes(s.status))
          .filter(
            (s) =>
              !given(input.ClusterIdentifier) || s.warehouse.clusterIdentifier === input.ClusterIdentifier,
          )
          .filter((s) => !given(input.WorkgroupName) || s.warehouse.workgroupName === input.WorkgroupName)
          .filter((s) => !given(input.Database) || s.warehouse.database === input.Database)
          .reverse();
        const { page, nextToken } = listPage(matches, input, max);
        return { Sessions: page.map(sessionShape), NextToken: nextToken };
      },
    },
  };
}
