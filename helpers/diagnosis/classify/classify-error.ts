/**
 * From an AWS error (code, HTTP status, message, operation, sync or via DescribeStatement, Redshift
 * error code) to the link and ranked candidate causes, using the text only. Where AWS's answer is
 * ambiguous (AssumeRole AccessDenied, GetClusterCredentials denials, S3 403 from COPY) every
 * candidate is returned, most likely first, with the read that would settle it; the classifier
 * never claims more than the text gives. In-run diagnosis (../narrow/diagnose-link.ts) narrows further with
 * what it can read.
 *
 * Known gaps: rules are first-match in order (explicit denies, STS/IAM, credentials, COPY, Data
 * API, SQL); an unknown code with an unknown text is "not recognised", never guessed.
 */
import type { LinkId } from "../../links.ts";
import { type CauseView, causeView } from "../catalog/causes.ts";
import { type FixValues, mergeValues } from "../catalog/fix-values.ts";
import type { Candidate, Rule } from "./classifier-rule.ts";
import { factsFromText, type TextFacts } from "./facts-from-text.ts";
import { type ParsedError, parseErrorText } from "./parse-error-text.ts";
import { COPY_RULES, CREDENTIAL_RULES, DATA_API_RULES, SQL_RULES } from "./redshift-rules.ts";
import { STS_IAM_RULES } from "./sts-iam-rules.ts";

export type { Candidate } from "./classifier-rule.ts";

/** Every rule, in the order they are tried (first match wins). */
export const RULES: readonly Rule[] = [
  ...STS_IAM_RULES,
  ...CREDENTIAL_RULES,
  ...COPY_RULES,
  ...DATA_API_RULES,
  ...SQL_RULES,
];

export interface Classification {
  link: LinkId | null;
  candidates: Candidate[];
  certain: boolean;
  settledBy?: string;
  /** The id of the rule that fired; absent when none did. */
  rule?: string;
  facts: TextFacts;
  parsed: ParsedError;
}

/** Classify an error already split into its parts (a LinkError, a DescribeStatement Error). */
export function classifyError(parsed: ParsedError): Classification {
  const text = [parsed.code, parsed.message, parsed.detail?.context].filter(Boolean).join(" ");
  const facts = factsFromText(text);
  for (const rule of RULES) {
    const match = rule.classify(parsed, facts, text);
    if (match) return { ...match, rule: rule.id, facts, parsed };
  }
  return { link: null, candidates: [], certain: false, facts, parsed };
}

/** Classify a pasted text in any of the forms parse-error-text.ts understands. */
export function classifyText(text: string): Classification {
  return classifyError(parseErrorText(text));
}

/** The candidates as `chaincheck diagnose --format json` prints them, fixes filled in from `values`. */
export function candidateViews(c: Classification, values?: FixValues): CauseView[] {
  const filled = mergeValues(values, c.facts);
  return c.candidates.map((candidate, i) => {
    const notes: string[] = [];
    if (candidate.why) notes.push(`Here: ${candidate.why}.`);
    if (i === 0 && !c.certain && c.candidates.length > 1) {
      const others = c.candidates.slice(1).map((o) => o.cause);
      notes.push(
        `AWS's text alone cannot tell this from ${others.join(", ")}${c.settledBy ? `; ${c.settledBy}` : ""}.`,
      );
    }
    return causeView(candidate.cause, filled, candidate.side, notes.join(" ") || undefined);
  });
}

/**
 * Ranks with what the user's chain sends: with an ExternalId configured (CHAINCHECK_EXTERNAL_ID), an
 * ExternalId mismatch is the likeliest of AssumeRole's look-alike trust denials.
 */
export function rankBySent(c: Classification, values?: FixValues): Classification {
  const i = c.candidates.findIndex((x) => x.cause === "trust-policy-external-id");
  if (c.certain || !values?.externalId || i <= 0) return c;
  const candidates = [...c.candidates];
  const [external] = candidates.splice(i, 1);
  if (!external) return c;
  candidates.unshift({
    ...external,
    why: `CHAINCHECK_EXTERNAL_ID is set, so the chain sends ExternalId "${values.externalId}" and a trust requiring another value is the likeliest`,
  });
  return { ...c, candidates };
}

/** `{ link, causes }` exactly as docs/contracts.md specifies for `chaincheck diagnose --format json`. */
export function diagnoseText(text: string, values?: FixValues): { link: LinkId | null; causes: CauseView[] } {
  const c = rankBySent(classifyText(text), values);
  if (!c.link) return { link: null, causes: [] };
  return { link: c.link, causes: candidateViews(c, values) };
}
