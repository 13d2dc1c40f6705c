/**
 * The Organizations reads an auditor makes to find the SCPs that bear on an account:
 * DescribeOrganization (any account of the organization may call it), ListParents,
 * ListPoliciesForTarget and DescribePolicy (the management account only, as AWS answers a member
 * that is no delegated administrator: AccessDeniedException).
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListParents.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListPoliciesForTarget.html
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribePolicy.html
 *
 * Each is authorized as `organizations:<Operation>` with the policy engine, on the resource AWS's
 * service authorization reference names (the organization, the child or target, the policy), after
 * the caller's organization is known; a caller in none gets AWSOrganizationsNotInUseException first.
 * AWS's FullAWSAccess (`p-FullAWSAccess`, AWS managed) is listed on the root, every OU and every
 * account when the setup keeps `fullAWSAccess` (its default).
 *
 * Known gaps: policy types other than SERVICE_CONTROL_POLICY list nothing; delegated
 * administrators are not modelled (refused like any member); the wire texts of the not-found
 * exceptions are the API reference's descriptions, no transcript found [I].
 */
import type { OperationContext } from "../core/types.ts";
import { FULL_AWS_ACCESS_ARN, ouChainOf, rootIdOf, scpArn } from "../world/organizations.ts";
import type { SetupOrganization } from "../world/setup-schema.ts";
import type { World } from "../world/world.ts";
import {
  childNotFound,
  invalidInput,
  notInUse,
  organizationsAccessDenied,
  policyNotFound,
  targetNotFound,
} from "./organizations-errors.ts";
import { onePage } from "./organizations-paging.ts";

const SCP = "SERVICE_CONTROL_POLICY";
const POLICY_TYPES = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
  "TAG_POLICY",
  "BACKUP_POLICY",
  "AISERVICES_OPT_OUT_POLICY",
  "CHATBOT_POLICY",
  "DECLARATIVE_POLICY_EC2",
  "SECURITYHUB_POLICY",
];

const FULL_AWS_ACCESS_SUMMARY = {
  Id: "p-FullAWSAccess",
  Arn: FULL_AWS_ACCESS_ARN,
  Name: "FullAWSAccess",
  Description: "Allows access to every operation",
  Type: SCP,
  AwsManaged: true,
};
const FULL_AWS_ACCESS_CONTENT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

/** The caller's organization, or AWSOrganizationsNotInUseException. */
function callerOrg(world: World, ctx: OperationContext): SetupOrganization {
  const org = world.organizations.orgOf(ctx.caller.account);
  if (!org) throw notInUse();
  return org;
}

function managementOnly(org: SetupOrganization, ctx: OperationContext): void {
  if (org.managementAccount !== ctx.caller.account) throw organizationsAccessDenied();
}

const orgArn = (org: SetupOrganization, kind: string, id: string) =>
  `arn:aws:organizations::${org.managementAccount}:${kind}/${org.id}/${id}`;

function required(ctx: OperationContext, name: string): string {
  const value = ctx.input[name];
  if (typeof value !== "string" || value === "")
    throw invalidInput("INPUT_REQUIRED", `You must specify a value for ${name}.`);
  return value;
}

const members = (org: SetupOrganization) => [org.managementAccount, ...org.accounts];

export function describeOrganization(world: World, ctx: OperationContext) {
  const org = callerOrg(world, ctx);
  ctx.authorize({ action: "organizations:DescribeOrganization", resource: "*" });
  return {
    Organization: {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.managementAccount}:organization/${org.id}`,
      FeatureSet: "ALL",
      MasterAccountArn: orgArn(org, "account", org.managementAccount),
      MasterAccountId: org.managementAccount,
      MasterAccountEmail: `aws-${org.managementAccount}@example.com`,
      AvailablePolicyTypes: [{ Type: SCP, Status: "ENABLED" }],
    },
  };
}

export function listParents(world: World, ctx: OperationContext) {
  const org = callerOrg(world, ctx);
  const child = required(ctx, "ChildId");
  if (!/^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(child))
    throw invalidInput("INVALID_PATTERN_TARGET_ID", "You specified a value that is not valid for ChildId.");
  const units = org.organizationalUnits ?? [];
  const resource = child.startsWith("ou-") ? orgArn(org, "ou", child) : orgArn(org, "account", child);
  ctx.authorize({ action: "organizations:ListParents", resource });
  managementOnly(org, ctx);
  let parent: { Id: string; Type: string } | undefined;
  if (child.startsWith("ou-")) {
    const unit = units.find((u) => u.id === child);
    if (!unit) throw childNotFound();
    parent = unit.parent
      ? { Id: unit.parent, Type: "ORGANIZATIONAL_UNIT" }
      : { Id: rootIdOf(org), Type: "ROOT" };
  } else {
    if (!members(org).includes(child)) throw childNotFound();
    const chain = ouChainOf(org, child);
    const ou = chain[chain.length - 1];
    parent = ou ? { Id: ou, Type: "ORGANIZATIONAL_UNIT" } : { Id: rootIdOf(org), Type: "ROOT" };
  }
  return { Parents: [parent] };
}

/** The target's ARN, or TargetNotFoundException for a root, OU or account the organization lacks. */
function targetArn(org: SetupOrganization, target: string): string {
  if (target === rootIdOf(org)) return orgArn(org, "root", target);
  if (target.startsWith("ou-") && (org.organizationalUnits ?? []).some((u) => u.id === target))
    return orgArn(org, "ou", target);
  if (/^\d{12}$/.test(target) && members(org).includes(target)) return orgArn(org, "account", target);
  throw targetNotFound();
}

export function listPoliciesForTarget(world: World, ctx: OperationContext) {
  const org = callerOrg(world, ctx);
  const target = required(ctx, "TargetId");
  const filter = required(ctx, "Filter");
  if (!POLICY_TYPES.includes(filter))
    throw invalidInput(
      "INVALID_ENUM_POLICY_TYPE",
      `1 validation error detected: Value '${filter}' at 'filter' failed to satisfy constraint: Member must satisfy enum value set: [${POLICY_TYPES.join(", ")}]`,
    );
  if (!/^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(target))
    throw invalidInput("INVALID_PATTERN_TARGET_ID", "You specified a value that is not valid for TargetId.");
  const resource = targetArn(org, target);
  ctx.authorize({ action: "organizations:ListPoliciesForTarget", resource });
  managementOnly(org, ctx);
  const key = target === rootIdOf(org) ? "root" : target;
  const policies =
    filter === SCP
      ? [
          ...(org.fullAWSAccess ? [FULL_AWS_ACCESS_SUMMARY] : []),
          ...org.scps
            .filter((s) => s.targets.includes(key))
            .map((s) => ({
              Id: s.id,
              Arn: scpArn(org, s.id),
              Name: s.name,
              Description: s.description ?? "",
              Type: SCP,
              AwsManaged: false,
            })),
        ]
      : [];
  const { page, next } = onePage(`policies-${target}`, policies, ctx.input);
  return { Policies: page, ...next };
}

export function describePolicy(world: World, ctx: OperationContext) {
  const org = callerOrg(world, ctx);
  const id = required(ctx, "PolicyId");
  if (!/^p-[0-9a-zA-Z_]{8,128}$/.test(id))
    throw invalidInput("INVALID_PATTERN", "You specified a value that is not valid for PolicyId.");
  const scp = org.scps.find((s) => s.id === id);
  const full = id === "p-FullAWSAccess" && org.fullAWSAccess;
  const resource = full ? FULL_AWS_ACCESS_ARN : scpArn(org, id);
  ctx.authorize({ action: "organizations:DescribePolicy", resource });
  managementOnly(org, ctx);
  if (full) return { Policy: { PolicySummary: FULL_AWS_ACCESS_SUMMARY, Content: FULL_AWS_ACCESS_CONTENT } };
  if (!scp) throw policyNotFound();
  return {
    Policy: {
      PolicySummary: {
        Id: scp.id,
        Arn: scpArn(org, scp.id),
        Name: scp.name,
        Description: scp.description ?? "",
        Type: SCP,
        AwsManaged: false,
      },
      Content: typeof scp.document === "string" ? scp.document : JSON.stringify(scp.document),
    },
  };
}
