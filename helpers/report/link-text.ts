/** Plain-text pieces shared by the JUnit and GitHub reporters: AWS's error, the diagnosis, the checks. */
import type { LinkReport } from "./types.ts";

/** "sts AssumeRole → AccessDenied (HTTP 403, request abc): User: arn:… is not authorized …" */
export function awsErrorLine(link: LinkReport): string | undefined {
  const e = link.error;
  if (!e) return undefined;
  const where = [
    e.httpStatus ? `HTTP ${e.httpStatus}` : undefined,
    e.requestId ? `request ${e.requestId}` : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  return `${e.service} ${e.operation} → ${e.code}${where ? ` (${where})` : ""}: ${e.message}`;
}

export function diagnosisLines(link: LinkReport): string[] {
  const d = link.diagnosis;
  if (!d) return [];
  const lead =
    d.settled === false && d.candidates
      ? `one of ${d.candidates.length} causes (not settled): ${d.candidates.join(", ")}; the fix is for the most likely, ${d.cause} (side ${d.side})`
      : `cause ${d.cause} (side ${d.side} must change)`;
  return [`${lead}: ${d.summary}`, `fix:\n${d.fix}`];
}

export function checkLines(link: LinkReport): string[] {
  return (link.checks ?? []).map((c) => `[${c.status}] ${c.name}: ${c.detail}`);
}

/** The one-line reason of a link that did not pass. */
export function linkHeadline(link: LinkReport): string {
  if (link.status === "blocked") return `blocked by ${link.blockedBy}`;
  if (link.status === "skipped") return link.note ?? "not configured";
  const failed = link.checks?.find((c) => c.status === link.status);
  if (link.error) return `${link.error.code}: ${link.error.message}`;
  if (failed) return `${failed.name}: ${failed.detail}`;
  return link.note ?? link.status;
}

/** Everything known about a link, one item per line, for failure bodies and annotations. */
export function linkDetail(link: LinkReport): string {
  return [
    awsErrorLine(link),
    ...diagnosisLines(link),
    ...checkLines(link),
    link.note ? `note: ${link.note}` : undefined,
  ]
    .filter((l): l is string => Boolean(l))
    .join("\n");
}
