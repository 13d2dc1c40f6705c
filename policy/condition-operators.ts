/**
 * The condition operators IAM accepts, split into their parts. Reference:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import type { SetOperator } from "./types.ts";

export const baseOperators = new Set([
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
]);

/** Operators whose match is "no request value matches any policy value" (NOR), and which are
 *  therefore true when the key is absent. */
export const negatedOperators = new Set([
  "StringNotEquals",
  "StringNotEqualsIgnoreCase",
  "StringNotLike",
  "NumericNotEquals",
  "DateNotEquals",
  "NotIpAddress",
  "ArnNotEquals",
  "ArnNotLike",
]);

export interface OperatorParts {
  baseOperator: string;
  ifExists: boolean;
  setOperator?: SetOperator;
}

/** Splits `ForAllValues:StringLikeIfExists` into its parts; undefined when IAM would reject it. */
export function splitOperator(operator: string): OperatorParts | undefined {
  let rest = operator;
  let setOperator: SetOperator | undefined;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix !== "ForAnyValue" && prefix !== "ForAllValues") return undefined;
    setOperator = prefix;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith("IfExists")) {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
  }
  if (!baseOperators.has(rest)) return undefined;
  // Null already tests presence; IAM has no NullIfExists and no set form of it.
  if (rest === "Null" && (ifExists || setOperator)) return undefined;
  return { baseOperator: rest, ifExists, setOperator };
}
