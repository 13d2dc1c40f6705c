/** IAM entities as the world stores them. IAM is global: entities are keyed by account only. */
import type { Caller } from "../core/types.ts";

export interface InlinePolicy {
  name: string;
  /** Document as stored (JSON text exactly as written, whitespace kept, like IAM). */
  document: string;
}

export interface IamRole {
  account: string;
  name: string;
  path: string;
  arn: string;
  /** AROA… — changes when a role is deleted and recreated under the same name. */
  roleId: string;
  createDate: Date;
  description?: string;
  /** Trust policy with role/user principals replaced by their unique ids (see trust-principals.ts). */
  trustPolicy: Record<string, unknown>;
  inlinePolicies: Map<string, InlinePolicy>;
  attachedPolicyArns: string[];
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  status: "Active" | "Inactive";
  createDate: Date;
}

export interface IamUser {
  account: string;
  name: string;
  path: string;
  arn: string;
  /** AIDA… */
  userId: string;
  createDate: Date;
  inlinePolicies: Map<string, InlinePolicy>;
  attachedPolicyArns: string[];
  permissionsBoundaryArn?: string;
  tags: Record<string, string>;
  accessKeys: AccessKey[];
}

export interface PolicyVersion {
  versionId: string;
  document: string;
  isDefault: boolean;
  createDate: Date;
}

export interface ManagedPolicy {
  /** Owning account, or "aws" for AWS managed policies. */
  account: string;
  name: string;
  path: string;
  arn: string;
  /** ANPA… */
  policyId: string;
  description?: string;
  createDate: Date;
  updateDate: Date;
  versions: PolicyVersion[];
  tags: Record<string, string>;
}

/** The caller behind one of `user`'s long-term access keys (or, with no key, as the IAM simulator
 *  evaluates the user). */
export function userCaller(user: IamUser, accessKeyId = ""): Caller {
  return {
    accessKeyId,
    account: user.account,
    arn: user.arn,
    kind: "user",
    userId: user.userId,
    uniqueId: user.userId,
    username: user.name,
    tags: user.tags,
    temporary: false,
  };
}

export function defaultVersion(policy: ManagedPolicy): PolicyVersion {
  return policy.versions.find((v) => v.isDefault) ?? policy.versions[0]!;
}

export const roleArnOf = (account: string, path: string, name: string) =>
  `arn:aws:iam::${account}:role${path}${name}`;
export const userArnOf = (account: string, path: string, name: string) =>
  `arn:aws:iam::${account}:user${path}${name}`;
export const policyArnOf = (account: string, path: string, name: string) =>
  `arn:aws:iam::${account}:policy${path}${name}`;
