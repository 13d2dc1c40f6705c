/**
 * The policies that bear on a caller's request, assembled from the world's current state (AWS
 * evaluates a session against its role's policies as they are now, not as they were at issue).
 *
 * - identity: inline + attached managed policies of the user, or of the role behind a session
 * - boundary: the user's/role's permissions boundary
 * - scps: of the caller's account (none for the management account or accounts outside an org)
 * - session: policies passed to AssumeRole (`Policy`, `PolicyArns`)
 * - resource: whatever the service passes (bucket policy, trust policy, key policy …)
 *
 * Known gap: the account root gets an implicit allow-everything identity policy (root cannot be
 * limited except by SCPs); there are no IAM groups.
 */

import type { NamedPolicy, PolicySet, PrincipalInfo } from "../../policy/types.ts";
import type { Caller } from "../core/types.ts";
import { defaultVersion, type IamRole, type IamUser } from "./iam-entities.ts";
import type { IamStore } from "./iam-store.ts";
import type { Organizations } from "./organizations.ts";

const ROOT_IMPLICIT: NamedPolicy = {
  type: "identity",
  name: "root-implicit",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

export function principalOf(caller: Caller): PrincipalInfo {
  return {
    arn: caller.arn,
    account: caller.account,
    kind: caller.kind,
    roleArn: caller.roleArn,
    userId: caller.userId,
    uniqueId: caller.uniqueId,
    username: caller.username,
    tags: caller.tags,
  };
}

function entityPolicies(iam: IamStore, entity: IamRole | IamUser, kind: "role" | "user") {
  const identity: NamedPolicy[] = [];
  for (const p of entity.inlinePolicies.values()) {
    identity.push({
      type: "identity",
      name: `${kind}/${entity.name}/inline/${p.name}`,
      document: p.document,
    });
  }
  for (const arn of entity.attachedPolicyArns) {
    const policy = iam.getPolicy(arn);
    if (policy) identity.push({ type: "identity", name: arn, document: defaultVersion(policy).document });
  }
  const boundaryPolicy = entity.permissionsBoundaryArn
    ? iam.getPolicy(entity.permissionsBoundaryArn)
    : undefined;
  const boundary: NamedPolicy | undefined = boundaryPolicy
    ? { type: "boundary", name: boundaryPolicy.arn, document: defaultVersion(boundaryPolicy).document }
    : undefined;
  return { identity, boundary };
}

export function policySetFor(
  iam: IamStore,
  orgs: Organizations,
  caller: Caller,
  resource?: NamedPolicy,
): PolicySet {
  let identity: NamedPolicy[] = [];
  let boundary: NamedPolicy | undefined;
  if (caller.kind === "root") identity = [ROOT_IMPLICIT];
  else if (caller.kind === "user" && caller.username) {
    const user = iam.getUser(caller.account, caller.username);
    if (user) ({ identity, boundary } = entityPolicies(iam, user, "user"));
  } else if (caller.kind === "assumed-role" && caller.roleName) {
    const role = iam.getRole(caller.account, caller.roleName);
    // A session outlives nothing: if its role was deleted or recreated, it has no policies left.
    if (role && role.roleId === caller.uniqueId) ({ identity, boundary } = entityPolicies(iam, role, "role"));
  }
  return {
    identity,
    boundary,
    scps: orgs.scpLevelsFor(caller.account),
    session: caller.sessionPolicies?.length ? caller.sessionPolicies : undefined,
    resource,
  };
}
