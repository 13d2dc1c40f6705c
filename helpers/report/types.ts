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
  /** Set when the call failed for a reason of the target, not of the setup (the link is then
   *  `error`, exit 3): `gap` an operation it does not implement (501), `server` a 5xx other than
   *  501, `throttling`, `connection` a dropped or refused connection, `malformed` an answer the SDK
   *  could not read. An addition to the report of docs/contracts.md. */
  targetFault?: TargetFault;
}

export type TargetFault = "gap" | "server" | "throttling" | "connection" | "malformed";

/** What a `pass` proves on this target (helpers/chain/negative-control.ts): `enforced` — the target
 *  refused the link's negative control (or is AWS, or the embedded emulator); `not-enforced` — it
 *  allowed a call the setup cannot allow, so the pass shows only that the calls are wired;
 *  `unknown` — the control was inconclusive. */
export type Assurance = "enforced" | "not-enforced" | "unknown";

/** The one extra call a link makes on a non-AWS target: the same call, as an identity or on a
 *  resource the setup cannot allow. */
export interface ControlResult {
  /** What was called, e.g. "sts AssumeRole into arn:… from B's own session". */
  call: string;
  /** `refused` with a denial · `allowed` · `inconclusive` (refused for another reason, or failed). */
  outcome: "refused" | "allowed" | "inconclusive";
  detail: string;
}

export interface Diagnosis {
  /** The cause; when not settled, the most likely of `candidates` (their first). */
  cause: CauseId;
  /** The account whose setup must change; always one of them on a diagnosed failure. */
  side: "A" | "B";
  summary: string;
  fix: string;
  /** True when the evidence settles the cause; false when several remain (`candidates`). */
  settled: boolean;
  /** When not settled: every cause not ruled out, most likely first (`cause` is the first). */
  candidates?: CauseId[];
  /** When not settled: the read (action and resource) that would tell the candidates apart. */
  settledBy?: string;
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
  /** What its pass proves on this target; on every link that ran. */
  assurance?: Assurance;
  /** The link's negative control, when one ran (non-AWS targets other than the embedded emulator). */
  control?: ControlResult;
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
  /** The weakest assurance of the links that passed: `not-enforced` when any pass is not
   *  enforced (the verdict line then says "wired, not verified"). */
  assurance?: Assurance;
  /** `chaincheck run --verify-fix` (helpers/fix/verify-fix.ts): the generated fix applied to the
   *  setup and rerun; an addition to the report of docs/contracts.md. */
  fixVerification?: FixVerification;
  /** `run --baseline FILE` on a red run: what changed on the failed link's path since that snapshot
   *  of the last green run (helpers/twin/baseline.ts). */
  changedSinceBaseline?: ChangedSinceBaseline;
}

/** What --verify-fix applied and whether the chain went green. */
export interface FixVerification {
  /** True when the chain ran green after the generated changes. */
  verified: boolean;
  /** "fix verified: the chain is green after these N changes", or the link that still fails. */
  message: string;
  changeCount: number;
  steps: {
    link: LinkId;
    cause: CauseId;
    changes: { where: "A" | "B" | "organization" | "chain config"; accountId?: string; summary: string }[];
  }[];
  stillFailing?: { link: LinkId; cause?: CauseId };
}

/** One change on the chain's path between two setups (helpers/twin/diff-setups.ts). */
export interface PathChangeReport {
  /** The first link the item can break. */
  link: LinkId;
  /** Every link the item can break. */
  links: LinkId[];
  item: string;
  change: "added" | "removed" | "changed";
  old?: unknown;
  new?: unknown;
}

export interface ChangedSinceBaseline {
  /** The baseline file as given to --baseline. */
  baseline: string;
  /** The changes that can break the failed link, in the chain's order (empty: none on its path). */
  changes: PathChangeReport[];
}
