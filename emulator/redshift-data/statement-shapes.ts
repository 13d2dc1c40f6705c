/**
 * Wire shapes of statements: ExecuteStatement/BatchExecuteStatement output, DescribeStatement
 * (with SubStatements for a batch) and ListStatements' StatementData. Timestamps are Dates, which
 * the awsJson codec writes as epoch seconds; Duration is in nanoseconds.
 * A batch parent carries no QueryString, RedshiftQueryId 0 and ResultRows/ResultSize -1, its
 * sub-statements carry their own (ballerina-platform/module-ballerinax-aws.redshiftdata tests).
 * Until a statement has run, Duration, ResultRows and ResultSize are -1 (awslabs/amazon-redshift-utils#515).
 */
import { resultSize } from "./result-records.ts";
import type { StatementRecord, SubStatement } from "./statement-record.ts";

const hasResultSet = (sub: SubStatement) => (sub.result?.columns.length ?? 0) > 0;

function subMetrics(sub: SubStatement) {
  const done = sub.status === "FINISHED" && sub.result !== undefined;
  return {
    Duration: sub.durationNs,
    HasResultSet: hasResultSet(sub),
    RedshiftQueryId: sub.redshiftQueryId,
    ResultRows: done ? sub.result!.rowCount : -1,
    ResultSize: done ? resultSize(sub.result!) : -1,
  };
}

function common(r: StatementRecord) {
  return {
    Id: r.id,
    ClusterIdentifier: r.clusterIdentifier,
    WorkgroupName: r.workgroupName,
    Database: r.database,
    DbUser: r.dbUser,
    SecretArn: r.secretArn,
    CreatedAt: r.createdAt,
    SessionId: r.sessionId,
  };
}

export function executeOutput(r: StatementRecord) {
  return common(r);
}

export function describeShape(r: StatementRecord) {
  const base = {
    ...common(r),
    Status: r.status,
    UpdatedAt: r.updatedAt,
    Error: r.error,
    RedshiftPid: r.redshiftPid,
  };
  if (!r.isBatch) {
    const sub = r.subs[0]!;
    return {
      ...base,
      ...subMetrics(sub),
      Duration: r.durationNs,
      QueryString: sub.sql,
      QueryParameters: r.parameters,
      ResultFormat: r.resultFormat,
    };
  }
  return {
    ...base,
    Duration: r.durationNs,
    HasResultSet: r.subs.some(hasResultSet),
    RedshiftQueryId: 0,
    ResultRows: -1,
    ResultSize: -1,
    SubStatements: r.subs.map((sub) => ({
      Id: sub.id,
      Status: sub.status,
      CreatedAt: sub.createdAt,
      UpdatedAt: sub.updatedAt,
      QueryString: sub.sql,
      Error: sub.error,
      ...subMetrics(sub),
    })),
  };
}

export function listShape(r: StatementRecord) {
  return {
    Id: r.id,
    Status: r.status,
    StatementName: r.statementName,
    CreatedAt: r.createdAt,
    UpdatedAt: r.updatedAt,
    SecretArn: r.secretArn,
    IsBatchStatement: r.isBatch,
    QueryString: r.isBatch ? undefined : r.subs[0]!.sql,
    QueryStrings: r.isBatch ? r.subs.map((s) => s.sql) : undefined,
    QueryParameters: r.parameters,
    SessionId: r.sessionId,
  };
}
