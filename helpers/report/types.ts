/** The JSON report (docs/contracts.md, `schemaVersion: 1`). Field names are public API: keep them stable. */
import type { AssumeRoleCheck } from "../chain/assume-role.ts";
import type { CommonCheck } from "../chain/check.ts";
import type { ClusterCredentialsCheck } from "../chain/cluster-credentials.ts";
import type { CopyFromS3Check } from "../chain/copy-from-s3.ts";
import type { ExecuteStatementCheck } from "../chain/execute-statement.ts";
import type { LambdaRoleCheck } from "../chain/lambda-role.ts";
import type { CauseId } from "../diagnosis/catalog/causes.ts";
import type { LinkId, LinkStatus } from "../links.ts";

export interface CallRecord {
  service: string;
  operation: string;
  durationMs: number;
  httpStatus?: number;
  requestId?: string;
  /** Retries of a transient fault (throttling, 5xx, dropped connection); absent when none. An
   *  addition to the report of docs/contracts.md (helpers/aws/retry-policy.ts). */
  retries?: number;
}

export interface LinkError {
  service: string;
  operation: string;
  code: string;
  httpStatus?: number;
  requestId?: string;
  message: string;
}

export interface Diagnosis {
  cause: CauseId;
  /** The account whose setup must change; always one of them on a diagnosed failure. */
  side: "A" | "B";
  summary: string;
  fix: string;
}

/** A static finding that holds even when every call succeeds (README, "JSON report"). */
export interface Warning {
  check: string;
  severity: "warning" | "info";
  message: string;
  fix: string;
}

/**
 * One check of a link, as the link reports it: a stable `id` (each link's union of ids sits beside
 * its code in helpers/chain/), a human `name` and `detail` for people, and `facts` for programs —
 * the diagnosis reads ids and facts only, never the prose. Facts are plain JSON, so they cross the
 * probe's answer unchanged.
 */
export interface CheckOf<Id extends string, Facts extends object> {
  id: Id;
  name: string;
  status: "pass" | "fail" | "error";
  detail: string;
  facts?: Facts;
}

/** One check inside a link (a link passes only when every check passes). */
export type CheckResult =
  | CommonCheck
  | LambdaRoleCheck
  | AssumeRoleCheck
  | ClusterCredentialsCheck
  | ExecuteStatementCheck
  | CopyFromS3Check;

export type CheckId = CheckResult["id"];

/** The check with that id, its facts typed. */
export type CheckById<Id extends CheckId> = Extract<CheckResult, { id: Id }>;

export interface LinkReport {
  id: LinkId;
  status: LinkStatus;
  durationMs?: number;
  calls?: CallRecord[];
  checks?: CheckResult[];
  error?: LinkError;
  diagnosis?: Diagnosis;
  blockedBy?: LinkId;
  /** Why a link was skipped or could not be checked. */
  note?: string;
}

export interface Report {
  schemaVersion: 1;
  target: string;
  origin: string;
  startedAt: string;
  durationMs: number;
  verdict: "pass" | "fail" | "error";
  failedLink: LinkId | null;
  links: LinkReport[];
  /** What the run could and could not prove on this target (e.g. origin caveats). */
  notes: string[];
  /** Static checks (helpers/diagnosis/warnings/static-warnings.ts); an addition to the report of docs/contracts.md. */
  warnings?: Warning[];
}
