/**
 * A Data API statement as the service keeps it: one record per ExecuteStatement or
 * BatchExecuteStatement, with one sub-statement per SQL text (a single statement has one).
 * Lifecycle: SUBMITTED → PICKED → STARTED → FINISHED | FAILED | ABORTED.
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_DescribeStatement.html
 */
import type { ExecuteResult, SqlParameter } from "../sql/index.ts";

export type StatementStatus = "SUBMITTED" | "PICKED" | "STARTED" | "FINISHED" | "FAILED" | "ABORTED";

export const FINAL: ReadonlySet<StatementStatus> = new Set(["FINISHED", "FAILED", "ABORTED"]);

export interface SubStatement {
  id: string;
  sql: string;
  status: StatementStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Nanoseconds the statement ran; -1 until it has run. */
  durationNs: number;
  error?: string;
  result?: ExecuteResult;
  redshiftQueryId: number;
}

export interface StatementOwner {
  /** aws:userid of the submitter (AROA…:session or AIDA…). */
  userId: string;
  arn: string;
  /** The role for a role session, else the user ARN: ListStatements' RoleLevel groups by it. */
  principalKey: string;
}

export interface StatementRecord {
  id: string;
  account: string;
  region: string;
  owner: StatementOwner;
  clusterIdentifier?: string;
  workgroupName?: string;
  database: string;
  dbUser?: string;
  secretArn?: string;
  statementName?: string;
  withEvent: boolean;
  parameters?: SqlParameter[];
  /** The Data API session the statement ran in (opened by it, or named by SessionId). */
  sessionId?: string;
  /** ResultFormat as sent (JSON records for GetStatementResult, CSV for GetStatementResultV2). */
  resultFormat?: "JSON" | "CSV";
  isBatch: boolean;
  subs: SubStatement[];
  status: StatementStatus;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
  durationNs: number;
  redshiftPid: number;
  abort: AbortController;
}
