/**
 * GetKeyPolicy and PutKeyPolicy: the key policy that every key use is then authorized against.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 *
 * A key has one policy, named `default` (PolicyName is optional and defaults to it). PutKeyPolicy
 * checks, in order: the document as a resource policy (the policy engine's `parsePolicy`, role and
 * user principals must exist — KMS: "invalid principals"); `Resource` must be `"*"`, which KMS
 * enforces since 2025-08-18 (AWS Health notice quoted in ministryofjustice/analytical-platform#7691);
 * then the lockout safety check: unless BypassPolicyLockoutSafetyCheck, the caller must still be
 * allowed kms:PutKeyPolicy under the new policy.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 *
 * Texts: see kms-errors.ts. Other syntax errors carry the engine's (IAM-worded) reason, since KMS's
 * own text for them is not known [I]; the Resource and unknown-PolicyName texts are inferred [I].
 * Known gaps: the 32 KB policy size limit; GetKeyPolicy returns the document as stored (AWS
 * reformats its default policy), objects from the setup file as 2-space-indented JSON.
 */
import { PolicyValidationError, parsePolicy } from "../../policy/index.ts";
import { AwsError } from "../core/errors.ts";
import type { World } from "../world/world.ts";
import { authorizeKeyUse } from "./authorize-key-use.ts";
import { INVALID_PRINCIPALS, LOCKOUT_MESSAGE, malformedPolicy, missingMember } from "./kms-errors.ts";
import { authorizeKey, type KmsCall, requireOwnAccount, resolveKeyMember } from "./resolve-key.ts";

function policyNameOf(input: Record<string, unknown>): string {
  const name = input.PolicyName ?? "default";
  if (name !== "default") {
    throw new AwsError("NotFoundException", `Key policy '${String(name)}' does not exist`);
  }
  return name;
}

export function getKeyPolicyOperation(world: World) {
  return (call: KmsCall) => {
    const key = resolveKeyMember(world, call);
    requireOwnAccount(call, key);
    authorizeKey(world, call, key, "kms:GetKeyPolicy");
    const name = policyNameOf(call.input);
    const text = typeof key.policy === "string" ? key.policy : JSON.stringify(key.policy, null, 2);
    return { Policy: text, PolicyName: name };
  };
}

function validateKeyPolicy(world: World, text: string): void {
  let parsed: ReturnType<typeof parsePolicy>;
  try {
    parsed = parsePolicy(text, "resource", { principalExists: (arn) => world.iam.principalExists(arn) });
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    if (error.message.startsWith("Invalid principal")) throw malformedPolicy(INVALID_PRINCIPALS);
    throw malformedPolicy(error.message);
  }
  const badResource = parsed.statements.find(
    (s) => s.notResource !== undefined || s.resource?.length !== 1 || s.resource[0] !== "*",
  );
  if (badResource) {
    throw malformedPolicy(
      'Policy contains a statement with a Resource element other than "*", the only value a key policy accepts.',
    );
  }
}

export function putKeyPolicyOperation(world: World) {
  return (call: KmsCall) => {
    const text = call.input.Policy;
    if (typeof text !== "string") throw missingMember("policy");
    const key = resolveKeyMember(world, call);
    requireOwnAccount(call, key);
    authorizeKey(world, call, key, "kms:PutKeyPolicy");
    policyNameOf(call.input);
    validateKeyPolicy(world, text);
    if (call.input.BypassPolicyLockoutSafetyCheck !== true) {
      const after = authorizeKeyUse(world, call.caller, { ...key, policy: text }, "kms:PutKeyPolicy", {
        region: key.region,
      });
      if (after.decision !== "Allow") throw malformedPolicy(LOCKOUT_MESSAGE);
    }
    key.policy = text;
    return {};
  };
}
