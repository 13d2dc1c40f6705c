/** The shape of a classifier rule (helpers/diagnosis/classify-error.ts). */
import type { LinkId } from "../links.ts";
import type { Side } from "./cause-definition.ts";
import type { TextFacts } from "./facts-from-text.ts";
import type { ParsedError } from "./parse-error-text.ts";

export interface Candidate {
  cause: string;
  /** Overrides the catalog's side when the text tells (e.g. whose policy denied explicitly). */
  side?: Side;
  /** Why this candidate, from the text. */
  why?: string;
}

export interface RuleMatch {
  link: LinkId;
  /** Most likely first. */
  candidates: Candidate[];
  /** True when the text alone settles the cause (one candidate). */
  certain: boolean;
  /** The read that would tell the candidates apart, when it is ambiguous. */
  settledBy?: string;
}

export type Rule = (e: ParsedError, f: TextFacts, text: string) => RuleMatch | undefined;

export function one(link: LinkId, cause: string, why?: string, side?: Side): RuleMatch {
  return { link, candidates: [{ cause, why, side }], certain: true };
}

export function ranked(link: LinkId, causes: (string | Candidate)[], settledBy?: string): RuleMatch {
  return {
    link,
    candidates: causes.map((c) => (typeof c === "string" ? { cause: c } : c)),
    certain: causes.length === 1,
    settledBy,
  };
}
