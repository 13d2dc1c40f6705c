/**
 * DescribeStatement, GetStatementResult, CancelStatement and ListStatements.
 * Checks, in order: TPS quota → id format (ValidationException with the pattern, docs/failures.md
 * L4-11) → the statement in the caller's account and region ("Query does not exist.") →
 * `redshift-data:<Action>` with `redshift-data:statement-owner-iam-userid` set to the submitter's
 * aws:userid (L4-04: a policy conditioned on `${aws:userid}` denies another session's statement).
 * GetStatementResult answers "Query does not have result. …" until the statement is FINISHED with
 * a result set (L4-10). GetStatementResultV2 pages a `ResultFormat: CSV` statement's result as CSV
 * text; each of the two refuses the other format's statements (ValidationException, text [I]).
 * ListStatements: RoleLevel (default true) lists every statement of the caller's role, false only
 * this session's; Status and StatementName (a prefix) filter; newest first.
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ListStatements.html
 *
 * Known gaps: WaitTimeSeconds is ignored; the cancel-after-finish text is inferred ([I]).
 */
import type { OperationContext, OperationDef } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeOnStatement } from "./data-api-authorize.ts";
import {
  badStatementId,
  cannotCancel,
  ID_PATTERN,
  noResult,
  queryNotFound,
  wrongResultFormat,
} from "./data-api-errors.ts";
import { listPage, maxResultsOf } from "./list-page.ts";
import { csvResultPage, resultPage } from "./result-records.ts";
import { FINAL, type StatementRecord, type SubStatement } from "./statement-record.ts";
import { describeShape, listShape } from "./statement-shapes.ts";

function lookup(
  world: World,
  ctx: OperationContext,
): { record: StatementRecord; id: string; sub?: SubStatement } {
  const scope = world.dataApi.scopeFor(ctx.operation, ctx.caller.account, ctx.region, ctx.now);
  const id = ctx.input.Id;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) throw badStatementId();
  const record = scope.find(id);
  if (!record) throw queryNotFound(id);
  authorizeOnStatement(ctx, record.owner.userId);
  const suffix = id.split(":")[1];
  if (suffix === undefined) return { record, id, sub: record.isBatch ? undefined : record.subs[0] };
  const sub = record.isBatch ? record.subs[Number(suffix) - 1] : undefined;
  if (!sub) throw queryNotFound(id);
  return { record, id, sub };
}

export function statementOperations(world: World): Record<string, OperationDef> {
  return {
    DescribeStatement: {
      handler: (ctx) => {
        const { record, id, sub } = lookup(world, ctx);
        if (!id.includes(":")) return describeShape(record);
        const single: StatementRecord = { ...record, id, isBatch: false, subs: [sub!], status: sub!.status };
        return {
          ...describeShape({ ...single, error: sub!.error, durationNs: sub!.durationNs }),
          UpdatedAt: sub!.updatedAt,
        };
      },
    },

    GetStatementResult: {
      handler: (ctx) => {
        const { id, sub, record } = lookup(world, ctx);
        if (sub?.status !== "FINISHED" || !sub.result || sub.result.columns.length === 0) throw noResult(id);
        if (record.resultFormat === "CSV") throw wrongResultFormat("CSV", "GetStatementResultV2");
        const token = ctx.input.NextToken;
        return resultPage(id, sub.result, typeof token === "string" && token !== "" ? token : undefined);
      },
    },

    GetStatementResultV2: {
      handler: (ctx) => {
        const { id, sub, record } = lookup(world, ctx);
        if (sub?.status !== "FINISHED" || !sub.result || sub.result.columns.length === 0) throw noResult(id);
        if (record.resultFormat !== "CSV") throw wrongResultFormat("JSON", "GetStatementResult");
        const token = ctx.input.NextToken;
        return csvResultPage(id, sub.result, typeof token === "string" && token !== "" ? token : undefined);
      },
    },

    CancelStatement: {
      handler: (ctx) => {
        const { record } = lookup(world, ctx);
        if (FINAL.has(record.status)) throw cannotCancel(record.status);
        const now = world.clock();
        record.abort.abort();
        record.status = "ABORTED";
        record.updatedAt = now;
        for (const sub of record.subs) {
          if (FINAL.has(sub.status)) continue;
          sub.status = "ABORTED";
          sub.updatedAt = now;
        }
        return { Status: true };
      },
    },

    ListStatements: {
      handler: (ctx) => {
        authorizeOnStatement(ctx);
        const input = ctx.input;
        const roleLevel = input.RoleLevel !== false;
        const principal = ctx.caller.roleArn ?? ctx.caller.arn;
        const status = typeof input.Status === "string" ? input.Status : "ALL";
        const name = typeof input.StatementName === "string" ? input.StatementName : undefined;
        const max = maxResultsOf(input);
        const matches = [...world.dataApi.statements.get(ctx.caller.account, ctx.region).records.values()]
          .filter((r) =>
            roleLevel ? r.owner.principalKey === principal : r.owner.userId === ctx.caller.userId,
          )
          .filter((r) => status === "ALL" || r.status === status)
          .filter((r) => name === undefined || (r.statementName ?? "").startsWith(name))
          .filter((r) => input.Database === undefined || r.database === input.Database)
          .filter(
            (r) => input.ClusterIdentifier === undefined || r.clusterIdentifier === input.ClusterIdentifier,
          )
          .filter((r) => input.WorkgroupName === undefined || r.workgroupName === input.WorkgroupName)
          .reverse();
        const { page, nextToken } = listPage(matches, input, max);
        return { Statements: page.map(listShape), NextToken: nextToken };
      },
    },
  };
}
