/**
 * What a snapshot could not read, and what the twin assumes in its place. Every gap names the read
 * permission (IAM action and resource) that would have filled it, so the user can grant exactly
 * that to the reader and take the snapshot again.
 *
 * `attempt` runs one read: a value; `missing` when AWS answers that the thing does not exist (the
 * twin then lacks it too, which is a fact, not a gap); otherwise a gap. Errors are reduced to their
 * code and HTTP status: an AWS message can quote what it was asked, never a secret, but nothing of
 * it is kept.
 */

export interface TwinGap {
  /** What could not be read, e.g. "role arn:aws:iam::…:role/x (trust and policies)". */
  what: string;
  /** The read permission that would have filled it: action(s) on a resource. */
  permission: { action: string; resource: string };
  /** Why the read failed: the error code (and HTTP status), or "no reader in B". */
  why: string;
  /** What the twin holds instead. */
  assumed: string;
}

export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; missing: true }
  | { ok: false; missing: false; why: string };

/** The error codes that mean "does not exist" for the reads a snapshot makes. */
const NOT_FOUND = new Set([
  "NoSuchEntity",
  "NoSuchEntityException",
  "ResourceNotFoundException",
  "ClusterNotFound",
  "ClusterNotFoundFault",
  "NoSuchBucket",
  "NoSuchBucketPolicy",
  "NoSuchKey",
  "NotFound",
  "NotFoundException",
  "ServerSideEncryptionConfigurationNotFoundError",
  "AWSOrganizationsNotInUseException",
]);

export function errorWhy(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  // A failed statement's text is Redshift's (user, database or relation names), kept to say why.
  if (e.name === "StatementFailed") return `the statement failed: ${e.message ?? ""}`;
  const status = e.$metadata?.httpStatusCode;
  if (status === 501) return "the target does not implement this read (501)";
  return `${e.name ?? "Error"}${status ? ` (HTTP ${status})` : ""}`;
}

export async function attempt<T>(read: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    const name = (error as { name?: string }).name ?? "";
    if (NOT_FOUND.has(name)) return { ok: false, missing: true };
    return { ok: false, missing: false, why: errorWhy(error) };
  }
}

/** Collects gaps in the order they were met; one per (what, action). */
export class GapList {
  readonly gaps: TwinGap[] = [];
  add(gap: TwinGap): void {
    if (this.gaps.some((g) => g.what === gap.what && g.permission.action === gap.permission.action)) return;
    this.gaps.push(gap);
  }
}
