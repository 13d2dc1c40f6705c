/**
 * sts:AssumeRole. Order of checks, as AWS answers them:
 * 1. request model (ValidationError, docs/failures.md L2-07), session policy grammar
 *    (MalformedPolicyDocument, L2-10), packed size (PackedPolicyTooLarge, L2-09);
 * 2. authorization of sts:AssumeRole: the caller's identity side (identity policies, boundary,
 *    SCPs, session policies) and the role's trust policy, which must allow even within one account.
 *    A role that does not exist, or an ARN with an empty account, gives the same AccessDenied as a
 *    trust denial, never "not found" (L1-03). Trust-side denials carry the plain text; identity-side
 *    ones carry the engine's reason suffix (L1-02, L1-04);
 * 3. sts:TagSession when Tags/TransitiveTagKeys are sent, sts:SetSourceIdentity when SourceIdentity
 *    is (both sides, L2-08);
 * 4. DurationSeconds: 1 hour cap for role chaining (L2-05), then the role's MaxSessionDuration (L2-06).
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 *
 * Known gaps: MFA (SerialNumber/TokenCode) is ignored; a chained session cannot change an inherited
 * SourceIdentity in AWS, here it is overwritten; RegionDisabledException is never raised.
 */

import { denyMessage } from "../../policy/index.ts";
import type { NamedPolicy } from "../../policy/types.ts";
import { AwsError } from "../core/errors.ts";
import type { OperationContext } from "../core/types.ts";
import type { IamRole } from "../world/iam-entities.ts";
import type { World } from "../world/world.ts";
import { parseAssumeRoleInput } from "./assume-role-input.ts";
import { packedPolicySize, sessionPolicies } from "./session-policies.ts";

const CHAINING_LIMIT = 3600;

function accessDenied(message: string): AwsError {
  return new AwsError("AccessDenied", message, { status: 403 });
}

/** Evaluate one action against both sides; throw AWS's AccessDenied on anything but Allow. */
function authorizeBothSides(
  ctx: OperationContext,
  action: string,
  roleArn: string,
  role: IamRole | undefined,
  trust: NamedPolicy | undefined,
  context: Record<string, string | string[] | undefined>,
): void {
  const plain = `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`;
  const result = ctx.check({
    action,
    resource: roleArn,
    resourceAccount: role?.account ?? /^arn:aws:iam::(\d{12}):/.exec(roleArn)?.[1],
    resourcePolicy: trust,
    context,
    isRoleTrust: true,
  });
  if (result.decision === "Allow") return;
  if (!role) throw accessDenied(plain);
  throw accessDenied(denyMessage(result, { callerArn: ctx.caller.arn, action, resource: roleArn }));
}

function invalidParameter(message: string): AwsError {
  return new AwsError("InvalidParameterValue", message, { status: 400 });
}

/** Tag keys are case-insensitive: no duplicates, transitive keys among the tags, no override of the
 *  calling session's transitive tags. */
function checkSessionTags(ctx: OperationContext, tagKeys: string[], transitiveKeys: string[]): void {
  const lower = tagKeys.map((k) => k.toLowerCase());
  if (new Set(lower).size !== lower.length) {
    throw invalidParameter("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }
  if (transitiveKeys.some((k) => !lower.includes(k.toLowerCase()))) {
    throw invalidParameter("The specified transitive tag key must be included in the requested tags.");
  }
  const inherited = (ctx.caller.transitiveTagKeys ?? []).map((k) => k.toLowerCase());
  if (lower.some((k) => inherited.includes(k))) {
    throw invalidParameter(
      "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
    );
  }
}

export function assumeRole(world: World, ctx: OperationContext) {
  const input = parseAssumeRoleInput(ctx.input);
  const policies = sessionPolicies(world, input.policy, input.policyArns);
  const packed =
    input.policy || input.policyArns.length || input.tagKeysInOrder.length
      ? packedPolicySize(input.policy, input.policyArns, input.tags)
      : undefined;

  const role = world.iam.getRoleByArn(input.roleArn);
  const trust: NamedPolicy | undefined = role
    ? { type: "trust", name: role.arn, document: world.iam.renderedTrustPolicy(role) }
    : undefined;
  const context: Record<string, string | string[] | undefined> = {
    "sts:ExternalId": input.externalId,
    "sts:RoleSessionName": input.roleSessionName,
    "sts:SourceIdentity": input.sourceIdentity,
  };
  for (const [k, v] of Object.entries(input.tags)) context[`aws:RequestTag/${k}`] = v;
  if (input.tagKeysInOrder.length) context["aws:TagKeys"] = input.tagKeysInOrder;
  if (input.transitiveTagKeys.length) context["sts:TransitiveTagKeys"] = input.transitiveTagKeys;

  authorizeBothSides(ctx, "sts:AssumeRole", input.roleArn, role, trust, context);
  if (input.tagKeysInOrder.length || input.transitiveTagKeys.length) {
    authorizeBothSides(ctx, "sts:TagSession", input.roleArn, role, trust, context);
  }
  if (input.sourceIdentity) {
    authorizeBothSides(ctx, "sts:SetSourceIdentity", input.roleArn, role, trust, context);
  }
  if (!role)
    throw accessDenied(
      `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`,
    );

  checkSessionTags(ctx, input.tagKeysInOrder, input.transitiveTagKeys);

  const duration = input.durationSeconds ?? 3600;
  // Role chaining = a role session assuming a role; Lambda's execution-role credentials count.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
  if (ctx.caller.kind === "assumed-role" && duration > CHAINING_LIMIT) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      { status: 400 },
    );
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError(
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      {
        status: 400,
      },
    );
  }

  const record = world.issueRoleSession({
    role,
    sessionName: input.roleSessionName,
    durationSeconds: duration,
    source: ctx.caller,
    sessionPolicies: policies,
    tags: input.tags,
    transitiveTagKeys: input.transitiveTagKeys,
    sourceIdentity: input.sourceIdentity,
  });
  return {
    Credentials: {
      AccessKeyId: record.accessKeyId,
      SecretAccessKey: record.secretAccessKey,
      SessionToken: record.sessionToken,
      Expiration: record.expiration,
    },
    AssumedRoleUser: { AssumedRoleId: record.caller.userId, Arn: record.caller.arn },
    PackedPolicySize: packed,
    SourceIdentity: record.caller.sourceIdentity,
  };
}
