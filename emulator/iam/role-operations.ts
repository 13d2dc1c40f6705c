/**
 * IAM role operations: CreateRole, GetRole, DeleteRole, ListRoles, UpdateAssumeRolePolicy,
 * UpdateRole, PutRolePermissionsBoundary. Each is authorized as iam:<Operation> on the role ARN.
 *
 * Trust policies are validated as IAM does on save, including that role/user principals exist
 * (`Invalid principal in policy`, docs/failures.md L2-04), and stored with those principals
 * resolved to unique ids (L2-03).
 *
 * Known gaps: ListRoles ignores Marker/MaxItems (returns everything, IsTruncated false); no tags
 * operations besides Tags on CreateRole; RoleLastUsed is always empty.
 */

import { PolicyValidationError, parsePolicy, policyErrorMessages } from "../../policy/index.ts";
import type { OperationContext, OperationDef } from "../core/types.ts";
import type { IamRole } from "../world/iam-entities.ts";
import { roleArnOf } from "../world/iam-entities.ts";
import type { World } from "../world/world.ts";
import {
  deleteConflict,
  limitExceeded,
  malformedPolicy,
  noSuchRole,
  policyNotAttachable,
  roleExists,
} from "./iam-errors.ts";
import { check, encodeDocument, policySize, str, tagsParam } from "./iam-input.ts";
import { roleShape } from "./iam-shapes.ts";
import { checkInteger, intParam, throwIfInvalid, type Violation } from "./validation-error.ts";

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
const TRUST_POLICY_QUOTA = 2048;

export const roleArnFor = (world: World, account: string, name: string) =>
  world.iam.getRole(account, name)?.arn ?? roleArnOf(account, "/", name);

export function requireRole(world: World, ctx: OperationContext, name: string | undefined): IamRole {
  const role = world.iam.getRole(ctx.caller.account, name ?? "");
  if (!role) throw noSuchRole(name ?? "");
  return role;
}

/** Validate a trust policy as IAM does on CreateRole/UpdateAssumeRolePolicy; returns it parsed. */
export function validateTrustPolicy(world: World, text: string): Record<string, unknown> {
  try {
    parsePolicy(text, "trust", { principalExists: (arn) => world.iam.principalExists(arn) });
  } catch (err) {
    // A trust policy that is not JSON gets its own text (recorded, test/parity); the rest as for any policy.
    if (err instanceof PolicyValidationError) {
      throw malformedPolicy(
        err.message === policyErrorMessages.syntax ? "This policy contains invalid Json" : err.message,
      );
    }
    throw err;
  }
  if (policySize(text) > TRUST_POLICY_QUOTA) {
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

const byRoleName = (world: World, action: string) => (ctx: OperationContext) => ({
  action,
  resource: roleArnFor(world, ctx.caller.account, str(ctx.input.RoleName) ?? ""),
});

export function roleOperations(world: World): Record<string, OperationDef> {
  return {
    CreateRole: {
      authorize: (ctx) => ({
        action: "iam:CreateRole",
        resource: roleArnOf(ctx.caller.account, str(ctx.input.Path) ?? "/", str(ctx.input.RoleName) ?? ""),
      }),
      handler: (ctx) => {
        const v: Violation[] = [];
        const name = str(ctx.input.RoleName);
        const path = str(ctx.input.Path);
        const doc = str(ctx.input.AssumeRolePolicyDocument);
        const maxSession = intParam(ctx.input.MaxSessionDuration);
        check(v, "roleName", name);
        check(v, "path", path);
        check(v, "policyDocument", doc, "assumeRolePolicyDocument");
        check(v, "description", str(ctx.input.Description));
        checkInteger(v, "maxSessionDuration", maxSession, { min: 3600, max: 43200 });
        throwIfInvalid(v);
        if (world.iam.getRole(ctx.caller.account, name!)) throw roleExists(name!);
        const trust = validateTrustPolicy(world, doc!);
        const boundary = str(ctx.input.PermissionsBoundary);
        if (boundary && !world.iam.getPolicy(boundary)) throw policyNotAttachable(boundary);
        const role = world.createRole({
          account: ctx.caller.account,
          name: name!,
          path,
          description: str(ctx.input.Description),
          trustPolicy: trust,
          maxSessionDuration: maxSession,
          permissionsBoundaryArn: boundary,
          tags: tagsParam(ctx.input.Tags),
        });
        // CreateRole echoes the trust policy as sent and MaxSessionDuration only when sent.
        return {
          Role: {
            ...roleShape(world.iam, role, false),
            AssumeRolePolicyDocument: encodeDocument(doc!),
            MaxSessionDuration: maxSession,
            Tags: Object.keys(role.tags).length
              ? Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value }))
              : undefined,
          },
        };
      },
    },
    GetRole: {
      authorize: byRoleName(world, "iam:GetRole"),
      handler: (ctx) => ({ Role: roleShape(world.iam, requireRole(world, ctx, str(ctx.input.RoleName))) }),
    },
    DeleteRole: {
      authorize: byRoleName(world, "iam:DeleteRole"),
      handler: (ctx) => {
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        if (role.inlinePolicies.size > 0)
          throw deleteConflict("Cannot delete entity, must delete policies first.");
        if (role.attachedPolicyArns.length > 0) {
          throw deleteConflict("Cannot delete entity, must detach all policies first.");
        }
        world.iam.deleteRole(role);
        return {};
      },
    },
    ListRoles: {
      authorize: () => ({ action: "iam:ListRoles", resource: "*" }),
      handler: (ctx) => {
        const prefix = str(ctx.input.PathPrefix) ?? "/";
        const roles = world.iam.listRoles(ctx.caller.account).filter((r) => r.path.startsWith(prefix));
        return { Roles: roles.map((r) => roleShape(world.iam, r, false)), IsTruncated: false };
      },
    },
    UpdateAssumeRolePolicy: {
      authorize: byRoleName(world, "iam:UpdateAssumeRolePolicy"),
      handler: (ctx) => {
        const v: Violation[] = [];
        check(v, "roleName", str(ctx.input.RoleName));
        check(v, "policyDocument", str(ctx.input.PolicyDocument));
        throwIfInvalid(v);
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        world.setTrustPolicy(role, validateTrustPolicy(world, str(ctx.input.PolicyDocument)!));
        return {};
      },
    },
    UpdateRole: {
      authorize: byRoleName(world, "iam:UpdateRole"),
      handler: (ctx) => {
        const v: Violation[] = [];
        const maxSession = intParam(ctx.input.MaxSessionDuration);
        check(v, "roleName", str(ctx.input.RoleName));
        check(v, "description", str(ctx.input.Description));
        checkInteger(v, "maxSessionDuration", maxSession, { min: 3600, max: 43200 });
        throwIfInvalid(v);
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        if (maxSession !== undefined) role.maxSessionDuration = maxSession;
        if (ctx.input.Description !== undefined) role.description = String(ctx.input.Description);
        return {};
      },
    },
    PutRolePermissionsBoundary: {
      authorize: (ctx) => ({
        ...byRoleName(world, "iam:PutRolePermissionsBoundary")(ctx),
        context: { "iam:PermissionsBoundary": str(ctx.input.PermissionsBoundary) },
      }),
      handler: (ctx) => {
        const v: Violation[] = [];
        check(v, "roleName", str(ctx.input.RoleName));
        check(v, "policyArn", str(ctx.input.PermissionsBoundary), "permissionsBoundary");
        throwIfInvalid(v);
        const role = requireRole(world, ctx, str(ctx.input.RoleName));
        const arn = str(ctx.input.PermissionsBoundary)!;
        if (!world.iam.getPolicy(arn)) throw policyNotAttachable(arn);
        role.permissionsBoundaryArn = arn;
        return {};
      },
    },
  };
}
