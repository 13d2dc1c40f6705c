/**
 * The error IAM (and STS for session policies) returns when a policy document is rejected at write
 * time. `code` is the wire error code; `message` uses IAM's wording so the emulator can return it as is.
 */
export class PolicyValidationError extends Error {
  readonly code = "MalformedPolicyDocument";
  override readonly name = "PolicyValidationError";
}

/** IAM's messages. Sources: error texts quoted in public issue threads (see docs/failures.md L2-04)
 *  and the IAM docs; the ones marked [I] are inferred and not seen verbatim. */
export const messages = {
  syntax: "Syntax errors in policy.",
  legacyParsing: "The policy failed legacy parsing",
  noPrincipalAllowed: "Policy document should not specify a principal.",
  missingPrincipal: "Missing required field Principal",
  missingEffect: "Missing required field Effect",
  prohibitedResource: "Has prohibited field Resource",
  missingActions: "Policy statement must contain actions.",
  missingResources: "Policy statement must contain resources.",
  invalidAction: "Policy has invalid action",
  vendorPrefix: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
  oneColon: "Actions/Condition can contain only one colon.",
  vendorWildcard: "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards",
  sidUnique: "Statement IDs (SID) in a single policy must be unique.",
  sidAlnum:
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
  /** [I] */
  trustActions: "AssumeRole policy may only specify STS AssumeRole actions.",
  resourceFormat: (r: string) => `Resource ${r} must be in ARN format or "*".`,
  invalidPrincipal: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
  /** [I] */
  conditionType: (op: string) => `Invalid Condition type : ${op}`,
} as const;
