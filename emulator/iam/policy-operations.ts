/**
 * Managed policies: CreatePolicy, GetPolicy, GetPolicyVersion (customer managed in the caller's
 * account, AWS managed from the `aws` pseudo-account). Authorized as iam:<Operation> on the policy ARN.
 * Quota: 6,144 characters per managed policy, whitespace not counted.
 *
 * Known gaps: no CreatePolicyVersion/SetDefaultPolicyVersion/DeletePolicy/ListPolicies; the
 * attachment count ignores users.
 */
import type { OperationDef } from "../core/types.ts";
import { policyArnOf } from "../world/iam-entities.ts";
import type { World } from "../world/world.ts";
import { limitExceeded, policyExists, policyNotFound, policyVersionNotFound } from "./iam-errors.ts";
import { check, encodeDocument, policySize, str, tagsParam } from "./iam-input.ts";
import { policyShape } from "./iam-shapes.ts";
import { validateIdentityPolicy } from "./role-policy-operations.ts";
import { throwIfInvalid, type Violation } from "./validation-error.ts";

const POLICY_QUOTA = 6144;

export function policyOperations(world: World): Record<string, OperationDef> {
  const attachments = (arn: string) =>
    world.accountIds.flatMap((a) => world.iam.listRoles(a)).filter((r) => r.attachedPolicyArns.includes(arn))
      .length;
  const requirePolicy = (arn: string | undefined) => {
    const policy = world.iam.getPolicy(arn ?? "");
    if (!policy) throw policyNotFound(arn ?? "");
    return policy;
  };
  return {
    CreatePolicy: {
      authorize: (ctx) => ({
        action: "iam:CreatePolicy",
        resource: policyArnOf(
          ctx.caller.account,
          str(ctx.input.Path) ?? "/",
          str(ctx.input.PolicyName) ?? "",
        ),
      }),
      handler: (ctx) => {
        const v: Violation[] = [];
        const name = str(ctx.input.PolicyName);
        const doc = str(ctx.input.PolicyDocument);
        check(v, "policyName", name);
        check(v, "path", str(ctx.input.Path));
        check(v, "policyDocument", doc);
        check(v, "description", str(ctx.input.Description));
        throwIfInvalid(v);
        if (world.iam.findPolicyByName(ctx.caller.account, name!)) throw policyExists(name!);
        validateIdentityPolicy(doc!);
        if (policySize(doc!) > POLICY_QUOTA)
          throw limitExceeded(`Cannot exceed quota for PolicySize: ${POLICY_QUOTA}`);
        const policy = world.createPolicy({
          account: ctx.caller.account,
          name: name!,
          path: str(ctx.input.Path),
          description: str(ctx.input.Description),
          document: doc!,
          tags: tagsParam(ctx.input.Tags),
        });
        return { Policy: policyShape(policy, 0) };
      },
    },
    GetPolicy: {
      authorize: (ctx) => ({ action: "iam:GetPolicy", resource: str(ctx.input.PolicyArn) ?? "*" }),
      handler: (ctx) => {
        const policy = requirePolicy(str(ctx.input.PolicyArn));
        return { Policy: policyShape(policy, attachments(policy.arn)) };
      },
    },
    GetPolicyVersion: {
      authorize: (ctx) => ({ action: "iam:GetPolicyVersion", resource: str(ctx.input.PolicyArn) ?? "*" }),
      handler: (ctx) => {
        const arn = str(ctx.input.PolicyArn) ?? "";
        const versionId = str(ctx.input.VersionId) ?? "";
        const version = world.iam.getPolicy(arn)?.versions.find((ver) => ver.versionId === versionId);
        if (!version) throw policyVersionNotFound(arn, versionId);
        return {
          PolicyVersion: {
            Document: encodeDocument(version.document),
            VersionId: version.versionId,
            IsDefaultVersion: version.isDefault,
            CreateDate: version.createDate,
          },
        };
      },
    },
  };
}
