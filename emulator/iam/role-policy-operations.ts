/**
 * Policies of a role: inline (Put/Get/List/DeleteRolePolicy) and managed attachments
 * (Attach/Detach/ListAttachedRolePolicies), authorized as iam:<Operation> on the role ARN.
 * Quotas: inline policies of a role ≤ 10,240 characters in total (whitespace not counted);
 * 10 managed policies per role. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 *
 * Known gap: Marker/MaxItems pagination is ignored.
 */

import { PolicyValidationError, parsePolicy } from "../../policy/index.ts";
import type { OperationDef } from "../core/types.ts";
import type { World } from "../world/world.ts";
import {
  limitExceeded,
  malformedPolicy,
  noSuchRolePolicy,
  policyNotAttachable,
  policyNotFound,
  unparsableArn,
} from "./iam-errors.ts";
import { check, encodeDocument, policySize, str } from "./iam-input.ts";
import { requireRole, roleArnFor } from "./role-operations.ts";
import { throwIfInvalid, type Violation } from "./validation-error.ts";

const INLINE_QUOTA = 10240;
const ATTACHED_QUOTA = 10;

export function validateIdentityPolicy(text: string): void {
  try {
    parsePolicy(text, "identity");
  } catch (err) {
    if (err instanceof PolicyValidationError) throw malformedPolicy(err.message);
    throw err;
  }
}

export function rolePolicyOperations(world: World): Record<string, OperationDef> {
  const onRole = (
    action: string,
    extra?: (input: Record<string, unknown>) => Record<string, string | undefined>,
  ) => ({
    authorize: (ctx: { caller: { account: string }; input: Record<string, unknown> }) => ({
      action,
      resource: roleArnFor(world, ctx.caller.account, str(ctx.input.RoleName) ?? ""),
      context: extra?.(ctx.input),
    }),
  });
  return {
    PutRolePolicy: {
      ...onRole("iam:PutRolePolicy"),
      handler: (ctx) => {
        const v: Violation[] = [];
        const name = str(ctx.input.PolicyName);
        const doc = str(ctx.input.PolicyDocument);
        check(v, "roleName", str(ctx.input.RoleName));
        check(v, "policyName", name);
        check(v, "policyDocument", doc);
        throwIfInvalid(v);
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        validateIdentityPolicy(doc!);
        let total = policySize(doc!);
        for (const p of role.inlinePolicies.values()) if (p.name !== name) total += policySize(p.document);
        if (total > INLINE_QUOTA) {
          throw limitExceeded(`Maximum policy size of ${INLINE_QUOTA} bytes exceeded for role ${role.name}`);
        }
        role.inlinePolicies.set(name!, { name: name!, document: doc! });
        return {};
      },
    },
    GetRolePolicy: {
      ...onRole("iam:GetRolePolicy"),
      handler: (ctx) => {
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        const name = str(ctx.input.PolicyName) ?? "";
        const policy = role.inlinePolicies.get(name);
        if (!policy) throw noSuchRolePolicy(name);
        return {
          RoleName: role.name,
          PolicyName: policy.name,
          PolicyDocument: encodeDocument(policy.document),
        };
      },
    },
    ListRolePolicies: {
      ...onRole("iam:ListRolePolicies"),
      handler: (ctx) => {
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        return { PolicyNames: [...role.inlinePolicies.keys()].sort(), IsTruncated: false };
      },
    },
    DeleteRolePolicy: {
      ...onRole("iam:DeleteRolePolicy"),
      handler: (ctx) => {
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        const name = str(ctx.input.PolicyName) ?? "";
        if (!role.inlinePolicies.delete(name)) throw noSuchRolePolicy(name);
        return {};
      },
    },
    AttachRolePolicy: {
      ...onRole("iam:AttachRolePolicy", (input) => ({ "iam:PolicyARN": str(input.PolicyArn) })),
      handler: (ctx) => {
        const v: Violation[] = [];
        check(v, "roleName", str(ctx.input.RoleName));
        check(v, "policyArn", str(ctx.input.PolicyArn));
        throwIfInvalid(v);
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        const arn = str(ctx.input.PolicyArn)!;
        if (!/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+/.test(arn)) throw unparsableArn();
        const policy = world.iam.getPolicy(arn);
        if (!policy || (policy.account !== "aws" && policy.account !== role.account))
          throw policyNotAttachable(arn);
        if (role.attachedPolicyArns.includes(arn)) return {};
        if (role.attachedPolicyArns.length >= ATTACHED_QUOTA) {
          throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${ATTACHED_QUOTA}`);
        }
        role.attachedPolicyArns.push(arn);
        return {};
      },
    },
    DetachRolePolicy: {
      ...onRole("iam:DetachRolePolicy", (input) => ({ "iam:PolicyARN": str(input.PolicyArn) })),
      handler: (ctx) => {
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        const arn = str(ctx.input.PolicyArn) ?? "";
        const index = role.attachedPolicyArns.indexOf(arn);
        if (index < 0) throw policyNotFound(arn);
        role.attachedPolicyArns.splice(index, 1);
        return {};
      },
    },
    ListAttachedRolePolicies: {
      ...onRole("iam:ListAttachedRolePolicies"),
      handler: (ctx) => {
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        const prefix = str(ctx.input.PathPrefix) ?? "/";
        const attached = role.attachedPolicyArns
          .flatMap((arn) => world.iam.getPolicy(arn) ?? [])
          .filter((p) => p.path.startsWith(prefix))
          .map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
        return { AttachedPolicies: attached, IsTruncated: false };
      },
    },
  };
}
