/**
 * A finding is what narrowing concluded: the cause, the evidence behind it, the candidates still
 * open and which read would settle them. `toDiagnosis` renders it as the report's Diagnosis
 * (docs/contracts.md: cause, side, summary, fix, settled, and when not settled candidates and
 * settledBy). An unsettled diagnosis leads with "One of N causes" and never names one alone.
 */
import type { LinkId } from "../../links.ts";
import type { Diagnosis } from "../../report/types.ts";
import type { Side } from "../catalog/cause-definition.ts";
import { type CauseId, causeById } from "../catalog/causes.ts";
import { type FixValues, mergeValues } from "../catalog/fix-values.ts";

export interface Finding {
  cause: CauseId;
  side?: Side;
  /** What AWS said and what the reads showed, one short sentence each. */
  evidence: string[];
  /** Candidates the evidence could not rule out, most likely first. */
  others?: CauseId[];
  /** The read that would settle the remaining candidates. */
  settledBy?: string;
  /** The classifier rule that fired on AWS's text, if one did (helpers/diagnosis/classify). */
  rule?: string;
  /** Values learnt from the text or the reads (they fill the fix after the config's). */
  values?: FixValues;
  /** The call that was denied, when the narrowing knows it (the SCP step evaluates it). */
  call?: DeniedCall;
  /** The policies read allow the call: what refuses it lies outside them (an SCP, most likely). */
  unexplained?: boolean;
}

/** A denied call of the chain: the role session that made it, the action and the resource. */
export interface DeniedCall {
  roleArn: string;
  sessionName: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  context?: Record<string, string | string[]>;
}

/** When neither the finding nor the catalog names the side: link 1 checks A, links 2–5 act in B. */
function sideOfLink(link: LinkId): "A" | "B" {
  return link === "lambda-role" ? "A" : "B";
}

export function toDiagnosis(finding: Finding, configValues: FixValues, link: LinkId): Diagnosis {
  const cause = causeById(finding.cause);
  const values = mergeValues(configValues, finding.values);
  const candidates = [...new Set([cause.id, ...(finding.others ?? [])])];
  const settled = candidates.length === 1;
  const settledBy = finding.settledBy ?? cause.tellApart;
  const parts = settled
    ? [cause.summary]
    : [
        `One of ${candidates.length} causes, not settled: ${candidates[0]} (most likely), ${candidates.slice(1).join(", ")}.`,
        finding.settledBy
          ? `The read that would settle it: ${finding.settledBy}.`
          : `What tells them apart: ${cause.tellApart}`,
        `${cause.id}: ${cause.summary}`,
      ];
  if (finding.evidence.length) parts.push(`Evidence: ${finding.evidence.join(" ")}`);
  return {
    cause: cause.id,
    side: finding.side ?? cause.side ?? sideOfLink(link),
    summary: parts.join(" "),
    fix: cause.fix(values),
    settled,
    ...(settled ? {} : { candidates, settledBy }),
  };
}
