/**
 * The IAM policy engine: parse and validate, evaluate, explain, render AWS's AccessDenied text.
 * Pure: no I/O, no clock reads. See each module's header for its known gaps.
 */
export { buildRequestContext } from "./build-request-context.ts";
export { baseOperators, negatedOperators, splitOperator } from "./condition-operators.ts";
export { type DenyMessageInput, denyMessage } from "./deny-message.ts";
export { evaluate, explain } from "./evaluate.ts";
export { ipInCidr } from "./ip-cidr.ts";
export { conditionMatches } from "./match-condition.ts";
export { type GrantKind, principalMatches } from "./match-principal.ts";
export { clearPolicyCache, type ParseOptions, parsePolicy } from "./parse-policy.ts";
export { messages as policyErrorMessages, PolicyValidationError } from "./policy-validation-error.ts";
export type * from "./types.ts";
export {
  type CompiledPattern,
  compilePattern,
  matchesPattern,
  type PatternMode,
} from "./wildcard-pattern.ts";
