/**
 * Reads a role's trust policy and permission policies (inline and attached managed, default
 * version) through IAM, as the policy engine's NamedPolicy list.
 *
 * Known gaps: no pagination beyond the first page of ListRolePolicies / ListAttachedRolePolicies
 * (100 entries); permissions boundaries are not read here.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import type { NamedPolicy } from "../../../policy/index.ts";
import { type ReaderSettings, type ReadResult, tryRead } from "./read-access.ts";

export interface RoleRead {
  arn: string;
  roleId?: string;
  trust: object;
  maxSessionDuration?: number;
  permissionsBoundaryArn?: string;
}

const decode = (doc: string | undefined) => JSON.parse(decodeURIComponent(doc ?? "{}")) as object;

export function roleNameOf(arn: string): string {
  return arn.split("/").pop() ?? arn;
}

export async function readRole(
  reader: ReaderSettings,
  roleArn: string,
): Promise<ReadResult<RoleRead | "missing">> {
  try {
    const out = await new IAMClient(reader).send(new GetRoleCommand({ RoleName: roleNameOf(roleArn) }));
    return {
      ok: true,
      value: {
        arn: out.Role?.Arn ?? roleArn,
        roleId: out.Role?.RoleId,
        trust: decode(out.Role?.AssumeRolePolicyDocument),
        maxSessionDuration: out.Role?.MaxSessionDuration,
        permissionsBoundaryArn: out.Role?.PermissionsBoundary?.PermissionsBoundaryArn,
      },
    };
  } catch (error) {
    if (
      (error as { name?: string }).name === "NoSuchEntity" ||
      (error as { name?: string }).name === "NoSuchEntityException"
    )
      return { ok: true, value: "missing" };
    return tryRead(`iam:GetRole on ${roleArn}`, () => Promise.reject(error));
  }
}

export async function readRolePolicies(
  reader: ReaderSettings,
  roleArn: string,
): Promise<ReadResult<NamedPolicy[]>> {
  const iam = new IAMClient(reader);
  const RoleName = roleNameOf(roleArn);
  return tryRead(
    `iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion on ${roleArn}`,
    async () => {
      const policies: NamedPolicy[] = [];
      const inline = await iam.send(new ListRolePoliciesCommand({ RoleName }));
      for (const PolicyName of inline.PolicyNames ?? []) {
        const p = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
        policies.push({
          type: "identity",
          name: `role/${RoleName}/inline/${PolicyName}`,
          document: decode(p.PolicyDocument),
        });
      }
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
      for (const a of attached.AttachedPolicies ?? []) {
        if (!a.PolicyArn) continue;
        const meta = await iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }));
        const version = await iam.send(
          new GetPolicyVersionCommand({
            PolicyArn: a.PolicyArn,
            VersionId: meta.Policy?.DefaultVersionId ?? "v1",
          }),
        );
        policies.push({
          type: "identity",
          name: a.PolicyArn,
          document: decode(version.PolicyVersion?.Document),
        });
      }
      return policies;
    },
  );
}
