/**
 * The IAM side of a snapshot: each role on the chain's path (trust, inline, attached managed and
 * boundary policies, the managed policies' default versions) as setup entries, and whether an
 * organization's SCP refuses A's sts:AssumeRole (IAM's simulator answers that from a member
 * account, where Organizations itself is not readable).
 *
 * AWS managed policies the emulator bundles stay references by ARN (the twin has the same
 * document); any other AWS managed policy becomes a customer managed copy of its default version in
 * the role's account, and the role points at the copy (an assumption, listed).
 *
 * Known gaps: the first page of each list only (100 entries); role tags are not read (ListRoleTags);
 * the SCP is inferred as one Deny statement, not read (Organizations ListPoliciesForTarget and
 * DescribePolicy need the management account; the emulator does not implement Organizations).
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { findAwsManagedPolicy } from "../../emulator/world/aws-managed-policies.ts";
import { attempt } from "./twin-gaps.ts";
import { accountOfArn, noReaderWhy, readerFor, type TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

const decode = (doc: string | undefined): Obj => JSON.parse(decodeURIComponent(doc ?? "{}")) as Obj;

const ROLE_ID = /^AROA[A-Z2-7]{17}$/;

export interface IamSnapshot {
  roles: Obj[];
  policies: Obj[];
}

function roleParts(arn: string): { account: string; path: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):role(\/(?:[\x21-\x7E]*\/)?)([\w+=,.@-]+)$/.exec(arn);
  return m ? { account: m[1], path: m[2], name: m[3] } : undefined;
}

/** Reads the roles (deduplicated, in order) and the managed policies they name. */
export async function readIam(r: TwinReaders, roleArns: string[]): Promise<IamSnapshot> {
  const out: IamSnapshot = { roles: [], policies: [] };
  const policyArns = new Map<string, string>();
  for (const arn of [...new Set(roleArns)]) {
    const role = await readOneRole(r, arn);
    if (!role) continue;
    out.roles.push(role.entry);
    for (const p of role.managed) policyArns.set(p, role.account);
  }
  const renamed = new Map<string, string>();
  for (const [arn, account] of policyArns) {
    const read = await readManagedPolicy(r, arn, account);
    if (!read) continue;
    if (read.copyOf) renamed.set(read.copyOf, read.arn);
    out.policies.push(read.entry);
  }
  if (renamed.size)
    for (const role of out.roles) {
      role.attachedPolicies = (role.attachedPolicies as string[]).map((a) => renamed.get(a) ?? a);
      const boundary = role.permissionsBoundary as string | undefined;
      if (boundary && renamed.has(boundary)) role.permissionsBoundary = renamed.get(boundary);
    }
  return out;
}

async function readOneRole(
  r: TwinReaders,
  arn: string,
): Promise<{ entry: Obj; managed: string[]; account: string } | undefined> {
  const parts = roleParts(arn);
  if (!parts) return undefined;
  const reader = readerFor(r, parts.account);
  const resource = `arn:aws:iam::${parts.account}:role/${parts.name}`;
  if (!reader) {
    r.gaps.add({
      what: `role ${arn} (trust and policies)`,
      permission: {
        action: "iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies",
        resource,
      },
      why: noReaderWhy(r, parts.account),
      assumed: "the twin has no such role",
    });
    return undefined;
  }
  const iam = new IAMClient(reader);
  const RoleName = parts.name;
  const got = await attempt(() => iam.send(new GetRoleCommand({ RoleName })));
  if (!got.ok) {
    if (!got.missing)
      r.gaps.add({
        what: `role ${arn}`,
        permission: { action: "iam:GetRole", resource },
        why: got.why,
        assumed: "the twin has no such role",
      });
    return undefined;
  }
  const role = got.value.Role;
  const entry: Obj = {
    account: parts.account,
    name: RoleName,
    path: role?.Path ?? parts.path,
    ...(role?.Description ? { description: role.Description } : {}),
    ...(role?.RoleId && ROLE_ID.test(role.RoleId) ? { uniqueId: role.RoleId } : {}),
    trustPolicy: decode(role?.AssumeRolePolicyDocument),
    inlinePolicies: [] as Obj[],
    attachedPolicies: [] as string[],
    maxSessionDuration: role?.MaxSessionDuration ?? 3600,
  };
  const managed: string[] = [];
  const boundary = role?.PermissionsBoundary?.PermissionsBoundaryArn;
  if (boundary) {
    entry.permissionsBoundary = boundary;
    managed.push(boundary);
  }
  const inline = await attempt(async () => {
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? [];
    const docs: Obj[] = [];
    for (const PolicyName of names) {
      const p = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
      docs.push({ name: PolicyName, document: decode(p.PolicyDocument) });
    }
    return docs;
  });
  if (inline.ok) entry.inlinePolicies = inline.value;
  else
    r.gaps.add({
      what: `inline policies of role ${arn}`,
      permission: { action: "iam:ListRolePolicies, iam:GetRolePolicy", resource },
      why: inline.missing ? "NoSuchEntity" : inline.why,
      assumed: "the role has no inline policies",
    });
  const attached = await attempt(() => iam.send(new ListAttachedRolePoliciesCommand({ RoleName })));
  if (attached.ok) {
    const arns = (attached.value.AttachedPolicies ?? []).flatMap((a) => (a.PolicyArn ? [a.PolicyArn] : []));
    entry.attachedPolicies = arns;
    managed.push(...arns);
  } else
    r.gaps.add({
      what: `attached policies of role ${arn}`,
      permission: { action: "iam:ListAttachedRolePolicies", resource },
      why: attached.missing ? "NoSuchEntity" : attached.why,
      assumed: "the role has no attached managed policies",
    });
  return { entry, managed, account: parts.account };
}

async function readManagedPolicy(
  r: TwinReaders,
  arn: string,
  roleAccount: string,
): Promise<{ entry: Obj; arn: string; copyOf?: string } | undefined> {
  const awsManaged = /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
  if (awsManaged && findAwsManagedPolicy(arn)) return undefined;
  const account = awsManaged ? roleAccount : accountOfArn(arn);
  const reader = readerFor(r, account);
  const name = arn.split("/").pop() ?? arn;
  const path = arn.replace(/^arn:[^:]*:iam::[^:]*:policy/, "").slice(0, -name.length) || "/";
  const gap = (why: string) =>
    r.gaps.add({
      what: `managed policy ${arn}`,
      permission: { action: "iam:GetPolicy, iam:GetPolicyVersion", resource: arn },
      why,
      assumed: `an empty policy (no statements) named ${name}`,
    });
  const empty = { Version: "2012-10-17", Statement: [] };
  let document: Obj = empty;
  if (!reader) gap(noReaderWhy(r, account));
  else {
    const iam = new IAMClient(reader);
    const read = await attempt(async () => {
      const meta = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const version = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: meta.Policy?.DefaultVersionId ?? "v1" }),
      );
      return { description: meta.Policy?.Description, document: decode(version.PolicyVersion?.Document) };
    });
    if (read.ok) document = read.value.document;
    else if (read.missing) return undefined;
    else gap(read.why);
  }
  if (!awsManaged) return { arn, entry: { account, name, path, document } };
  const copyName = `aws-managed-${name}`.slice(0, 128);
  const copyArn = `arn:aws:iam::${roleAccount}:policy/${copyName}`;
  r.assumptions.push(
    `${arn} is an AWS managed policy the emulator does not bundle: the twin holds its default version as the customer managed policy ${copyArn}`,
  );
  return { arn: copyArn, copyOf: arn, entry: { account: roleAccount, name: copyName, document } };
}

/**
 * Whether an organization's SCP refuses `action` on `resource` for `roleArn` (IAM's simulator says
 * so in OrganizationsDecisionDetail); undefined when the simulator could not be asked.
 */
export async function scpRefuses(
  r: TwinReaders,
  roleArn: string,
  action: string,
  resource: string,
): Promise<boolean | undefined> {
  const reader = readerFor(r, accountOfArn(roleArn));
  if (!reader) return undefined;
  const out = await attempt(() =>
    new IAMClient(reader).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn,
        ActionNames: [action],
        ResourceArns: [resource],
      }),
    ),
  );
  if (!out.ok) return undefined;
  return out.value.EvaluationResults?.[0]?.OrganizationsDecisionDetail?.AllowedByOrganizations === false;
}
