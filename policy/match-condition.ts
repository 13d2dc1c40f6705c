/**
 * Condition block evaluation: operators AND, keys AND, values OR.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 *
 * Negated operators (StringNotEquals, ArnNotLike, NotIpAddress …) are NOR: true when no request value
 * matches any policy value, hence true when the key is absent; positive operators are false on an
 * absent key; `…IfExists` is true on an absent key. With a multi-valued key and no set operator,
 * any request value may match. ForAllValues is true for an absent or empty key; ForAnyValue false.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 *
 * Known gaps: BinaryEquals compares the base64 text; Date values accept ISO 8601 and epoch seconds only.
 */
import { negatedOperators } from "./condition-operators.ts";
import { lookupKey, valuesOf } from "./context-lookup.ts";
import { ipInCidr } from "./ip-cidr.ts";
import type { ParsedCondition, RequestContextKeys } from "./types.ts";
import { matchesPattern, substituteVariables } from "./wildcard-pattern.ts";

type Compare = (
  requestValue: string,
  policyValue: string,
  context: RequestContextKeys | undefined,
) => boolean;

function num(s: string): number | undefined {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s)) return undefined;
  return Number(s);
}

function date(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function exact(fn: (a: string, b: string) => boolean): Compare {
  return (req, pol, ctx) => {
    const v = substituteVariables(pol, ctx);
    return v !== undefined && fn(req, v);
  };
}

function ordered<T>(parse: (s: string) => T | undefined, cmp: (a: T, b: T) => boolean): Compare {
  return exact((a, b) => {
    const x = parse(a);
    const y = parse(b);
    return x !== undefined && y !== undefined && cmp(x, y);
  });
}

const arnLike: Compare = (req, pol, ctx) => req.startsWith("arn:") && matchesPattern(pol, req, "arn", ctx);

/** The positive comparison behind each base operator (negated ones reuse their positive twin). */
const compare: Record<string, Compare> = {
  StringEquals: exact((a, b) => a === b),
  StringEqualsIgnoreCase: exact((a, b) => a.toLowerCase() === b.toLowerCase()),
  StringLike: (req, pol, ctx) => matchesPattern(pol, req, "string", ctx),
  NumericEquals: ordered(num, (a, b) => a === b),
  NumericLessThan: ordered(num, (a, b) => a < b),
  NumericLessThanEquals: ordered(num, (a, b) => a <= b),
  NumericGreaterThan: ordered(num, (a, b) => a > b),
  NumericGreaterThanEquals: ordered(num, (a, b) => a >= b),
  DateEquals: ordered(date, (a, b) => a === b),
  DateLessThan: ordered(date, (a, b) => a < b),
  DateLessThanEquals: ordered(date, (a, b) => a <= b),
  DateGreaterThan: ordered(date, (a, b) => a > b),
  DateGreaterThanEquals: ordered(date, (a, b) => a >= b),
  Bool: exact((a, b) => a.toLowerCase() === b.toLowerCase()),
  BinaryEquals: exact((a, b) => a === b),
  IpAddress: exact((a, b) => ipInCidr(a, b)),
  ArnLike: arnLike,
  ArnEquals: arnLike,
};
const positiveOf: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  NotIpAddress: "IpAddress",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

/** Evaluates one key under one operator. `context` is passed for variable substitution only when the
 *  policy is Version 2012-10-17. */
export function conditionMatches(
  condition: ParsedCondition,
  requestContext: RequestContextKeys,
  variables: RequestContextKeys | undefined,
): boolean {
  // A variable whose key is missing makes the condition false whatever the operator, so a negated
  // operator cannot turn an unresolved variable into a match.
  if (variables && condition.values.some((v) => substituteVariables(v, variables) === undefined))
    return false;
  const raw = lookupKey(requestContext, condition.key);
  const requestValues = valuesOf(raw);
  const absent = requestValues.length === 0;
  if (condition.baseOperator === "Null") {
    return condition.values.some((v) => (v.toLowerCase() === "true") === absent);
  }
  if (absent) {
    if (condition.ifExists) return true;
    if (condition.setOperator === "ForAllValues") return true;
    if (condition.setOperator === "ForAnyValue") return false;
    return negatedOperators.has(condition.baseOperator);
  }
  const negated = negatedOperators.has(condition.baseOperator);
  const cmp = compare[negated ? positiveOf[condition.baseOperator] : condition.baseOperator];
  const hit = (rv: string) => condition.values.some((pv) => cmp(rv, pv, variables));
  if (condition.setOperator === "ForAllValues") {
    return requestValues.every((rv) => (negated ? !hit(rv) : hit(rv)));
  }
  if (condition.setOperator === "ForAnyValue") {
    return requestValues.some((rv) => (negated ? !hit(rv) : hit(rv)));
  }
  const any = requestValues.some(hit);
  return negated ? !any : any;
}

/** First failing condition (as `Operator key`), or undefined when all hold. */
export function firstFailingCondition(
  conditions: ParsedCondition[],
  requestContext: RequestContextKeys,
  variables: RequestContextKeys | undefined,
): string | undefined {
  for (const c of conditions) {
    if (!conditionMatches(c, requestContext, variables)) return `${c.operator} ${c.key}`;
  }
  return undefined;
}
