/**
 * ExecuteStatement and BatchExecuteStatement: validate, authorize and resolve credentials
 * synchronously (resolve-warehouse.ts), then hand the statement to the runner and answer with its Id
 * while it is still SUBMITTED. https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html
 *
 * Parameters: `:name` placeholders bound by the SQL engine's binder; its validation texts come back
 * as ValidationException (docs/failures.md L4-08), e.g. "Parameters list contains unused parameters.
 * Unused parameters: [id]".
 * Batches: 1–40 statements, one transaction, sub-statement ids `<id>:1..N`.
 *
 * ClientToken: a repeated token returns the statement it first submitted (statement-store.ts), even
 * while that statement keeps its session BUSY.
 *
 * ResultFormat (JSON or CSV) is kept for the result operations (statement-operations.ts).
 * Sessions: `SessionKeepAliveSeconds` opens one, `SessionId` runs in one (session-calls.ts); the
 * output carries the SessionId.
 * Known gaps: Parameters on BatchExecuteStatement are not supported (refused); the text for
 * more than 40 statements is inferred ([I]).
 */
import { randomUUID } from "node:crypto";
import type { OperationContext, OperationDef } from "../core/types.ts";
import { bindNamedParameters, ParameterError, type SqlParameter } from "../sql/index.ts";
import type { World } from "../world/world.ts";
import type { DataApiCollaborators } from "./data-api-collaborators.ts";
import { sessionBusy, validation } from "./data-api-errors.ts";
import { resolveWarehouse } from "./resolve-warehouse.ts";
import { keepAliveOf, openSession, sessionForCall } from "./session-calls.ts";
import { occupy } from "./session-store.ts";
import type { StatementRecord } from "./statement-record.ts";
import { startStatement } from "./statement-runner.ts";
import { executeOutput } from "./statement-shapes.ts";

const MAX_BATCH = 40;

function parameters(ctx: OperationContext): SqlParameter[] | undefined {
  const raw = ctx.input.Parameters;
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw validation("Parameters must be a list.");
  return raw as SqlParameter[];
}

function submit(
  world: World,
  deps: DataApiCollaborators,
  ctx: OperationContext,
  sqls: string[],
  params: SqlParameter[] | undefined,
  batch: boolean,
) {
  const scope = world.dataApi.scopeFor(ctx.operation, ctx.caller.account, ctx.region, ctx.now);
  const reused = sessionForCall(world, ctx);
  const keepAlive = reused ? undefined : keepAliveOf(ctx.input);
  const warehouse = reused?.warehouse ?? resolveWarehouse(world, deps.workgroups, ctx);
  const token = clientToken(ctx);
  const tokenKey = token && `${ctx.caller.roleArn ?? ctx.caller.arn}/${token}`;
  const fingerprint = JSON.stringify([
    ctx.operation,
    sqls,
    params ?? null,
    [
      warehouse.clusterIdentifier,
      warehouse.workgroupName,
      warehouse.database,
      warehouse.dbUser,
      warehouse.secretArn,
    ],
    reused?.id ?? null,
    keepAlive ?? null,
  ]);
  const earlier = tokenKey ? scope.byClientToken(tokenKey) : undefined;
  if (earlier) {
    const record = scope.records.get(earlier.id);
    if (earlier.fingerprint !== fingerprint || !record)
      throw validation(`ClientToken ${token} was already used for a different request.`);
    return executeOutput(record);
  }
  if (reused?.status === "BUSY") throw sessionBusy();
  if (params) {
    try {
      for (const sql of sqls) bindNamedParameters(sql, params);
    } catch (error) {
      if (error instanceof ParameterError) throw validation(error.message);
      throw error;
    }
  }
  world.dataApi.checkActive(scope);
  const id = randomUUID();
  const now = ctx.now;
  const owner = {
    userId: ctx.caller.userId,
    arn: ctx.caller.arn,
    principalKey: ctx.caller.roleArn ?? ctx.caller.arn,
  };
  const session =
    reused ?? (keepAlive === undefined ? undefined : openSession(world, ctx, warehouse, keepAlive, owner));
  const record: StatementRecord = {
    id,
    account: warehouse.account,
    region: warehouse.region,
    owner,
    sessionId: session?.id,
    clusterIdentifier: warehouse.clusterIdentifier,
    workgroupName: warehouse.workgroupName,
    database: warehouse.database,
    dbUser: warehouse.dbUser,
    secretArn: warehouse.secretArn,
    statementName: typeof ctx.input.StatementName === "string" ? ctx.input.StatementName : undefined,
    withEvent: ctx.input.WithEvent === true,
    parameters: params,
    ...resultFormatOf(ctx.input.ResultFormat),
    isBatch: batch,
    subs: sqls.map((sql, i) => ({
      id: batch ? `${id}:${i + 1}` : id,
      sql,
      status: "SUBMITTED",
      createdAt: now,
      updatedAt: now,
      durationNs: -1,
      redshiftQueryId: 0,
    })),
    status: "SUBMITTED",
    createdAt: now,
    updatedAt: now,
    durationNs: -1,
    redshiftPid: world.dataApi.nextPid(),
    abort: new AbortController(),
  };
  scope.add(record);
  if (tokenKey) scope.rememberClientToken(tokenKey, record.id, fingerprint);
  if (session) occupy(session, record.id, now);
  startStatement(world, deps.copy, record, warehouse, session);
  return executeOutput(record);
}

function clientToken(ctx: OperationContext): string | undefined {
  const token = ctx.input.ClientToken;
  if (token === undefined) return undefined;
  if (typeof token !== "string" || token.length < 1 || token.length > 64)
    throw validation(
      "1 validation error detected: Value at 'clientToken' failed to satisfy constraint: Member must have length between 1 and 64",
    );
  return token;
}

/** ResultFormat: JSON (the default) or CSV, in Coral's enum wording otherwise. */
function resultFormatOf(value: unknown): { resultFormat?: "JSON" | "CSV" } {
  if (value === undefined || value === null) return {};
  if (value === "JSON" || value === "CSV") return { resultFormat: value };
  throw validation(
    `1 validation error detected: Value '${String(value)}' at 'resultFormat' failed to satisfy constraint: Member must satisfy enum value set: [CSV, JSON]`,
  );
}

export function executeOperations(world: World, deps: DataApiCollaborators): Record<string, OperationDef> {
  return {
    ExecuteStatement: {
      handler: (ctx) => {
        const sql = ctx.input.Sql;
        if (typeof sql !== "string" || sql.trim() === "") throw validation("Sql must not be empty.");
        return submit(world, deps, ctx, [sql], parameters(ctx), false);
      },
    },
    BatchExecuteStatement: {
      handler: (ctx) => {
        const sqls = ctx.input.Sqls;
        if (!Array.isArray(sqls) || sqls.length === 0 || sqls.some((s) => typeof s !== "string")) {
          throw validation("Sqls must contain at least one SQL statement.");
        }
        if (sqls.length > MAX_BATCH) {
          throw validation(
            `1 validation error detected: Value at 'sqls' failed to satisfy constraint: Member must have length less than or equal to ${MAX_BATCH}`,
          );
        }
        if (ctx.input.Parameters !== undefined) {
          throw validation("chaincheck emulator: Parameters on BatchExecuteStatement are not supported");
        }
        return submit(world, deps, ctx, sqls as string[], undefined, true);
      },
    },
  };
}
