/** IAM response shapes (GetRole's Role, GetPolicy's Policy …) built from world entities. */
import type { IamRole, IamUser, ManagedPolicy } from "../world/iam-entities.ts";
import type { IamStore } from "../world/iam-store.ts";
import { encodeDocument } from "./iam-input.ts";

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export function roleShape(iam: IamStore, role: IamRole, full = true) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodeDocument(iam.renderedTrustPolicy(role)),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: role.permissionsBoundaryArn
      ? {
          PermissionsBoundaryType: "PermissionsBoundaryPolicy",
          PermissionsBoundaryArn: role.permissionsBoundaryArn,
        }
      : undefined,
    Tags: full && Object.keys(role.tags).length ? tagList(role.tags) : undefined,
    RoleLastUsed: full ? {} : undefined,
  };
}

export function userShape(user: IamUser) {
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    PermissionsBoundary: user.permissionsBoundaryArn
      ? {
          PermissionsBoundaryType: "PermissionsBoundaryPolicy",
          PermissionsBoundaryArn: user.permissionsBoundaryArn,
        }
      : undefined,
    Tags: Object.keys(user.tags).length ? tagList(user.tags) : undefined,
  };
}

export function policyShape(policy: ManagedPolicy, attachmentCount: number) {
  return {
    PolicyName: policy.name,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.versions.find((v) => v.isDefault)?.versionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    Tags: Object.keys(policy.tags).length ? tagList(policy.tags) : undefined,
  };
}
