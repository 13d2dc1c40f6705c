/**
 * The cause catalog, as data: every cause id of docs/contracts.md (plus a few more from
 * docs/failures.md), each with its link, the side that must change, a summary, what tells it
 * apart from its look-alikes, and a fix builder filled in with the user's values.
 *
 * Ids are public API (reports, `chaincheck diagnose --format json`): add freely, never rename.
 */
import { LINKS, type LinkId } from "../../links.ts";
import { ASSUME_ROLE_CAUSES } from "./assume-role-causes.ts";
import type { CauseDefinition, Side } from "./cause-definition.ts";
import { CLUSTER_CREDENTIALS_CAUSES } from "./cluster-credentials-causes.ts";
import { COPY_FROM_S3_CAUSES } from "./copy-from-s3-causes.ts";
import { EXECUTE_STATEMENT_CAUSES } from "./execute-statement-causes.ts";
import type { FixValues } from "./fix-values.ts";
import { LAMBDA_ROLE_CAUSES } from "./lambda-role-causes.ts";
import { SCP_CAUSES } from "./scp-causes.ts";

export type { CauseDefinition, Side } from "./cause-definition.ts";

const ALL = [
  ...LAMBDA_ROLE_CAUSES,
  ...ASSUME_ROLE_CAUSES,
  ...CLUSTER_CREDENTIALS_CAUSES,
  ...EXECUTE_STATEMENT_CAUSES,
  ...COPY_FROM_S3_CAUSES,
  ...SCP_CAUSES,
] as const;

/** Every cause id of the catalog: a candidate, a finding or a report naming another does not compile. */
export type CauseId = (typeof ALL)[number]["id"];

export const CAUSES: readonly (CauseDefinition & { id: CauseId })[] = ALL;

/** The ids docs/contracts.md fixes, per link (the catalog must cover every one). */
export const DESIGN_CAUSE_IDS: Record<LinkId, readonly CauseId[]> = {
  "lambda-role": [
    "lambda-function-not-found",
    "lambda-role-mismatch",
    "lambda-trust-missing",
    "caller-policy-missing-assume-role",
    "explicit-deny",
  ],
  "assume-role": [
    "target-role-arn-malformed",
    "trust-policy-missing-principal",
    "trust-policy-external-id",
    "trust-policy-stale-principal",
    "session-duration-exceeded",
    "session-tags-not-allowed",
    "wrong-account-credentials",
  ],
  "cluster-credentials": [
    "get-cluster-credentials-denied",
    "dbuser-arn-format",
    "dbuser-arn-wrong-account",
    "autocreate-not-allowed",
    "db-user-missing",
    "secret-unreadable",
    "secret-malformed",
    "serverless-credentials-denied",
  ],
  "execute-statement": [
    "cluster-not-found",
    "missing-target",
    "data-api-denied",
    "sql-permission-denied",
    "sql-object-missing",
    "sql-syntax",
    "statement-owner-mismatch",
    "statement-timeout",
    "throttled",
  ],
  "copy-from-s3": [
    "copy-role-not-associated",
    "copy-role-trust-missing-redshift",
    "copy-role-chain-broken",
    "copy-s3-identity-denied",
    "copy-s3-bucket-policy-denied",
    "copy-kms-denied",
    "copy-bucket-region-mismatch",
    "copy-source-missing",
    "copy-format-error",
    "copy-assumerole-privilege-missing",
  ],
};

const BY_ID = new Map<string, CauseDefinition & { id: CauseId }>(CAUSES.map((c) => [c.id, c]));

export function isCauseId(id: string): id is CauseId {
  return BY_ID.has(id);
}

export function causeById(id: CauseId): CauseDefinition & { id: CauseId } {
  const cause = BY_ID.get(id);
  if (!cause) throw new Error(`unknown cause id ${id}`);
  return cause;
}

/** A cause as `chaincheck diagnose --format json` prints it (docs/contracts.md). */
export interface CauseView {
  cause: CauseId;
  side: Side;
  summary: string;
  tellApart: string;
  fix: string;
}

export function causeView(id: CauseId, values: FixValues, side?: Side, note?: string): CauseView {
  const c = causeById(id);
  return {
    cause: c.id,
    side: side === undefined ? c.side : side,
    summary: note ? `${c.summary} ${note}` : c.summary,
    tellApart: c.tellApart,
    fix: c.fix(values),
  };
}

/** The README's "common failures" table: cause, link, side, what chaincheck says. */
export function causesTable(): string {
  const order = new Map(LINKS.map((l, i) => [l.id, i]));
  const rows = [...CAUSES]
    .sort((a, b) => (order.get(a.link) ?? 0) - (order.get(b.link) ?? 0))
    .map((c) => `| \`${c.id}\` | \`${c.link}\` | ${c.side ?? "A or B"} | ${c.title.replace(/\|/g, "\\|")} |`);
  return ["| cause | link | side | what chaincheck says |", "|---|---|---|---|", ...rows].join("\n");
}
