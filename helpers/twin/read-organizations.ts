/**
 * The twin's `organizations:` block, read as far as the readers may:
 *
 * - DescribeOrganization as the reader in A and in B (any member may call it) says whether each is
 *   in an organization, its id and its management account.
 * - When a reader is that management account, the organization is read for A and B
 *   (helpers/diagnosis/read/read-scps.ts: ListParents up to the root, ListPoliciesForTarget and
 *   DescribePolicy): root id, the OUs on the way, and every SCP with where it is attached.
 * - When it is not (the usual case), the organization keeps its real id and management account, and
 *   the SCPs are inferred from IAM's simulator (OrganizationsDecisionDetail) for each call of the
 *   chain — one Deny per refused call, on the account it restricts — with a gap naming the reads
 *   that would replace them. An SCP the simulator reports for an account in no organization the
 *   readers could describe goes into an organization the twin makes up.
 *
 * Known gaps: OU names are their ids (DescribeOrganizationalUnit is not read); members other than
 * A and B are not listed; an unread organization puts A and B directly under its root.
 */
import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import type { ChainConfig } from "../../config/chain-config.ts";
import { type NamedReader, readScps, type ScpLevel, scpReadHint } from "../diagnosis/read/read-scps.ts";
import { ORG_MANAGEMENT_ACCOUNT } from "./assemble-twin.ts";
import { scpRefuses } from "./read-iam.ts";
import { attempt } from "./twin-gaps.ts";
import { accountOfArn, readerFor, type TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

interface ChainCall {
  roleArn: string;
  action: string;
  resource: string;
}

/** The chain's calls whose SCPs matter: A's AssumeRole, B's credential and Data API calls, COPY's reads. */
function chainCalls(c: ChainConfig, execRole: string | undefined, accountB: string): ChainCall[] {
  const calls: ChainCall[] = [];
  if (execRole) calls.push({ roleArn: execRole, action: "sts:AssumeRole", resource: c.targetRoleArn });
  if (c.clusterId) {
    const base = `arn:aws:redshift:${c.region}:${accountB}`;
    if (c.dbUser)
      calls.push({
        roleArn: c.targetRoleArn,
        action: "redshift:GetClusterCredentials",
        resource: `${base}:dbuser:${c.clusterId}/${c.dbUser}`,
      });
    calls.push({
      roleArn: c.targetRoleArn,
      action: "redshift-data:ExecuteStatement",
      resource: `${base}:cluster:${c.clusterId}`,
    });
  }
  const reader = c.copyRoleArn?.split(",").pop();
  const source = /^s3:\/\/([^/]+)\/?(.*)$/.exec(c.copySource ?? "");
  if (reader && source)
    calls.push(
      { roleArn: reader, action: "s3:ListBucket", resource: `arn:aws:s3:::${source[1]}` },
      { roleArn: reader, action: "s3:GetObject", resource: `arn:aws:s3:::${source[1]}/${source[2]}` },
    );
  return calls;
}

interface KnownOrg {
  id: string;
  managementAccount: string;
  members: string[];
}

async function describeOrgs(r: TwinReaders): Promise<KnownOrg[]> {
  const orgs: KnownOrg[] = [];
  for (const account of [...new Set([r.accountA, r.accountB])]) {
    const reader = readerFor(r, account);
    if (!reader) continue;
    const got = await attempt(() =>
      new OrganizationsClient(reader).send(new DescribeOrganizationCommand({})),
    );
    if (!got.ok) {
      if (!got.missing)
        r.gaps.add({
          what: `whether account ${account} is in an organization`,
          permission: { action: "organizations:DescribeOrganization", resource: "*" },
          why: got.why,
          assumed: `${account} is in no organization`,
        });
      continue;
    }
    const o = got.value.Organization;
    if (!o?.Id || !o.MasterAccountId) continue;
    const known = orgs.find((x) => x.id === o.Id) ?? {
      id: o.Id,
      managementAccount: o.MasterAccountId,
      members: [],
    };
    if (!orgs.includes(known)) orgs.push(known);
    if (account !== o.MasterAccountId) known.members.push(account);
  }
  return orgs;
}

function namedReaders(r: TwinReaders): NamedReader[] {
  return [
    { label: "the tester in A", settings: r.tester, account: r.accountA },
    ...(r.readerB ? [{ label: "the reader in B", settings: r.readerB, account: r.accountB }] : []),
  ];
}

/** The organization as read: OUs from each member's parents, SCPs with their targets. */
function fromLevels(org: KnownOrg, read: Map<string, ScpLevel[]>): Obj {
  const units: { id: string; name: string; parent?: string; accounts: string[] }[] = [];
  const scps = new Map<string, Obj & { targets: string[] }>();
  let rootId: string | undefined;
  let full = true;
  const fullTargets: string[] = [];
  for (const [account, levels] of read) {
    rootId ??= levels[0]?.target;
    levels.forEach((level, i) => {
      const target = i === 0 ? "root" : level.target;
      if (i > 0 && i < levels.length - 1 && !units.some((u) => u.id === level.target))
        units.push({
          id: level.target,
          name: level.target,
          ...(i > 1 ? { parent: levels[i - 1]?.target } : {}),
          accounts: [],
        });
      if (i === levels.length - 2 && i > 0) units.find((u) => u.id === level.target)?.accounts.push(account);
      if (!level.policies.some((p) => p.id === "p-FullAWSAccess")) full = false;
      else if (!fullTargets.includes(target)) fullTargets.push(target);
      for (const p of level.policies) {
        if (p.id === "p-FullAWSAccess") continue;
        const entry = scps.get(p.id) ?? {
          id: p.id,
          name: p.policyName,
          document: typeof p.document === "string" ? JSON.parse(p.document) : p.document,
          targets: [] as string[],
        };
        if (!entry.targets.includes(target)) entry.targets.push(target);
        scps.set(p.id, entry);
      }
    });
  }
  if (!full)
    scps.set("p-fullawsaccess", {
      id: "p-fullawsaccess",
      name: "FullAWSAccess (copy)",
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
      targets: fullTargets,
    });
  return {
    id: org.id,
    ...(rootId ? { rootId } : {}),
    managementAccount: org.managementAccount,
    accounts: org.members,
    ...(units.length ? { organizationalUnits: units } : {}),
    ...(full ? {} : { fullAWSAccess: false }),
    scps: [...scps.values()],
  };
}

export async function readOrganizations(
  r: TwinReaders,
  c: ChainConfig,
  execRole: string | undefined,
): Promise<Obj[]> {
  const orgs = await describeOrgs(r);
  const out: Obj[] = [];
  const calls = chainCalls(c, execRole, r.accountB);
  const inferred = new Map<string, Obj[]>();
  for (const call of calls) {
    const account = accountOfArn(call.roleArn);
    if (orgs.some((o) => o.managementAccount === account)) continue;
    if (!(await scpRefuses(r, call.roleArn, call.action, call.resource))) continue;
    inferred.set(account, [
      ...(inferred.get(account) ?? []),
      { Effect: "Deny", Action: call.action, Resource: call.resource },
    ]);
  }
  const readers = namedReaders(r);
  for (const org of orgs) {
    const reads = new Map<string, ScpLevel[]>();
    const why: string[] = [];
    for (const member of org.members) {
      const read = await readScps(member, readers);
      if (read.state === "read") reads.set(member, read.levels);
      else if (read.state === "unreadable") why.push(...read.why);
    }
    if (org.members.length && reads.size === org.members.length) {
      out.push(fromLevels(org, reads));
      continue;
    }
    out.push({
      id: org.id,
      managementAccount: org.managementAccount,
      accounts: org.members,
      scps: inferredScps(org.members, inferred),
    });
    for (const member of org.members)
      r.gaps.add({
        what: `the service control policies on account ${member} (organization ${org.id})`,
        permission: {
          action:
            "organizations:ListParents, organizations:ListPoliciesForTarget, organizations:DescribePolicy",
          resource: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${member}`,
        },
        why: why.length
          ? [...new Set(why)].join("; ")
          : "only the management account or a delegated administrator may read them",
        assumed: inferred.get(member)
          ? `${member} directly under the root, with one SCP denying what IAM's simulator says an SCP refuses (${(inferred.get(member) ?? []).map((s) => s.Action).join(", ")}); ${scpReadHint(member, org.managementAccount)} would replace it`
          : `${member} directly under the root, with no SCP but FullAWSAccess`,
      });
  }
  const orphans = [...inferred.keys()].filter(
    (a) => !orgs.some((o) => o.members.includes(a) || o.managementAccount === a),
  );
  if (orphans.length) {
    out.push({
      id: "o-twinsnapshot",
      managementAccount: ORG_MANAGEMENT_ACCOUNT,
      accounts: [...new Set([r.accountA, r.accountB])],
      scps: inferredScps(orphans, inferred),
    });
    for (const account of orphans)
      r.gaps.add({
        what: `the service control policies on account ${account}`,
        permission: {
          action:
            "organizations:DescribeOrganization, organizations:ListPoliciesForTarget, organizations:DescribePolicy",
          resource: "arn:aws:organizations::*:policy/*/service_control_policy/*",
        },
        why: "IAM's simulator says an SCP refuses a call of the chain; the organization could not be described",
        assumed: `one SCP denying ${(inferred.get(account) ?? []).map((s) => s.Action).join(", ")}, in an organization managed by ${ORG_MANAGEMENT_ACCOUNT}`,
      });
  }
  return out;
}

function inferredScps(accounts: string[], inferred: Map<string, Obj[]>): Obj[] {
  return accounts
    .filter((a) => inferred.get(a)?.length)
    .map((account) => ({
      id: `p-twininferred_${account}`,
      name: `twin-inferred-${account}`,
      description: "Inferred: IAM's simulator says an SCP refuses these calls of the chain",
      targets: [account],
      document: { Version: "2012-10-17", Statement: inferred.get(account) },
    }));
}
