/**
 * The shape of a classifier rule (helpers/diagnosis/classify/classify-error.ts): a stable kebab-case
 * id and a classify function over AWS's text. The id is what a classification names as the rule
 * that fired, so a test (or a reader of a surprising diagnosis) can go straight to the one rule.
 */
import type { LinkId } from "../../links.ts";
import type { Side } from "../catalog/cause-definition.ts";
import type { CauseId } from "../catalog/causes.ts";
import type { TextFacts } from "./facts-from-text.ts";
import type { ParsedError } from "./parse-error-text.ts";

export interface Candidate {
  cause: CauseId;
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

export interface Rule {
  /** Stable kebab-case id, unique across all rule lists. */
  id: string;
  classify(e: ParsedError, f: TextFacts, text: string): RuleMatch | undefined;
}

export function rule(id: string, classify: Rule["classify"]): Rule {
  return { id, classify };
}

export function one(link: LinkId, cause: CauseId, why?: string, side?: Side): RuleMatch {
  return { link, candidates: [{ cause, why, side }], certain: true };
}

export function ranked(link: LinkId, causes: (CauseId | Candidate)[], settledBy?: string): RuleMatch {
  return {
    link,
    candidates: causes.map((c) => (typeof c === "string" ? { cause: c } : c)),
    certain: causes.length === 1,
    settledBy,
  };
}
