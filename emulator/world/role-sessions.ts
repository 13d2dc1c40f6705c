/**
 * Minting STS sessions: the caller record behind an `ASIA…` key, as AWS resolves it.
 * Session ARN: arn:aws:sts::<account>:assumed-role/<RoleName>/<session> (the role's path is not
 * part of it); aws:userid: <AROA…>:<session>.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 *
 * Tags: the role's tags, overridden by session tags; transitive tags of the calling session are
 * carried into a chained session.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_role-chaining
 */

import type { NamedPolicy } from "../../policy/types.ts";
import type { Caller, CredentialRecord } from "../core/types.ts";
import type { IamRole } from "./iam-entities.ts";
import type { IdGenerator } from "./ids.ts";

export interface SessionRequest {
  role: IamRole;
  sessionName: string;
  durationSeconds: number;
  now: Date;
  /** The caller that assumed the role (undefined for a service such as lambda.amazonaws.com). */
  source?: Caller;
  sessionPolicies?: NamedPolicy[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

export function mintRoleSession(ids: IdGenerator, req: SessionRequest): CredentialRecord {
  const inherited: Record<string, string> = {};
  for (const key of req.source?.transitiveTagKeys ?? []) {
    const value = req.source?.tags[key];
    if (value !== undefined) inherited[key] = value;
  }
  const transitive = [
    ...new Set([...(req.source?.transitiveTagKeys ?? []), ...(req.transitiveTagKeys ?? [])]),
  ];
  const accessKeyId = ids.accessKeyId(true);
  const caller: Caller = {
    accessKeyId,
    account: req.role.account,
    arn: `arn:aws:sts::${req.role.account}:assumed-role/${req.role.name}/${req.sessionName}`,
    kind: "assumed-role",
    userId: `${req.role.roleId}:${req.sessionName}`,
    uniqueId: req.role.roleId,
    roleArn: req.role.arn,
    roleName: req.role.name,
    sessionName: req.sessionName,
    tags: { ...req.role.tags, ...inherited, ...(req.tags ?? {}) },
    transitiveTagKeys: transitive.length ? transitive : undefined,
    sessionPolicies: req.sessionPolicies?.length ? req.sessionPolicies : undefined,
    temporary: true,
    sourceIdentity: req.sourceIdentity ?? req.source?.sourceIdentity,
  };
  return {
    accessKeyId,
    secretAccessKey: ids.secretAccessKey(),
    sessionToken: ids.sessionToken(),
    expiration: new Date(req.now.getTime() + req.durationSeconds * 1000),
    caller,
  };
}
