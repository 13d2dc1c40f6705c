/** The JSON report (docs/contracts.md, `schemaVersion: 1`). Field names are public API: keep them stable. */
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
  cause: string;
  side: "A" | "B" | null;
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

/** One check inside a link (a link passes only when every check passes). */
export interface CheckResult {
  name: string;
  status: "pass" | "fail" | "error";
  detail: string;
}

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
  /** Static checks (helpers/diagnosis/static-warnings.ts); an addition to the report of docs/contracts.md. */
  warnings?: Warning[];
}
