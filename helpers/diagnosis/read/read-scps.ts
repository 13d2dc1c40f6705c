/**
 * The service control policies that bear on one account, read through AWS Organizations as the
 * harness's readers can: DescribeOrganization as a reader in that account (any member may call it)
 * says whether the account is in an organization at all and which account manages it; ListParents
 * (up to the root), ListPoliciesForTarget (SERVICE_CONTROL_POLICY, every page) and DescribePolicy
 * give each level's SCPs, and only the management account or a delegated administrator may call
 * them — usually neither reader can, and the result then names the reads that would settle it.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 *
 * Known gaps: an account's organization is learnt only through a reader in that account; the
 * policies of one reader are read, the first that is let in; RCPs are not read.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { NamedPolicy } from "../../../policy/index.ts";
import { type ReaderSettings, type ReadResult, tryRead } from "./read-access.ts";

export interface ScpLevel {
  /** `root`-level id (r-…), an OU id, or the account id. */
  target: string;
  policies: (NamedPolicy & { id: string; policyName: string })[];
}

export type ScpRead =
  | { state: "read"; account: string; levels: ScpLevel[]; managementAccount?: string; by: string }
  | { state: "none"; account: string; why: string }
  | {
      state: "unreadable";
      account: string;
      /** The organization, when a reader in the account could describe it. */
      org?: { id: string; managementAccount: string };
      why: string[];
    };

export interface NamedReader {
  /** Who the reader is, for evidence ("the tester in A"). */
  label: string;
  settings: ReaderSettings;
  /** The account the reader's identity lives in, when known. */
  account?: string;
}

/** The organization reads as the AWS CLI would run them, for "which read would settle it". */
export function scpReadHint(account: string, managementAccount?: string): string {
  return `organizations:ListParents on ${account}, organizations:ListPoliciesForTarget (SERVICE_CONTROL_POLICY) on ${account} and each parent, and organizations:DescribePolicy on each SCP, as the organization's management account${managementAccount ? ` ${managementAccount}` : ""} or a delegated administrator`;
}

async function orgOf(reader: NamedReader) {
  return tryRead(`organizations:DescribeOrganization as ${reader.label}`, () =>
    new OrganizationsClient(reader.settings).send(new DescribeOrganizationCommand({})),
  );
}

async function levelsAs(reader: NamedReader, account: string): Promise<ReadResult<ScpLevel[]>> {
  const client = new OrganizationsClient(reader.settings);
  const targets = [account];
  for (let child = account, depth = 0; depth < 7; depth++) {
    const parents = await tryRead(`organizations:ListParents on ${child} as ${reader.label}`, () =>
      client.send(new ListParentsCommand({ ChildId: child })),
    );
    if (!parents.ok) return parents;
    const parent = parents.value.Parents?.[0];
    if (!parent?.Id) break;
    targets.unshift(parent.Id);
    if (parent.Type === "ROOT") break;
    child = parent.Id;
  }
  const documents = new Map<string, string>();
  const levels: ScpLevel[] = [];
  for (const target of targets) {
    const policies: ScpLevel["policies"] = [];
    let token: string | undefined;
    do {
      const page = await tryRead(`organizations:ListPoliciesForTarget on ${target} as ${reader.label}`, () =>
        client.send(
          new ListPoliciesForTargetCommand({
            TargetId: target,
            Filter: "SERVICE_CONTROL_POLICY",
            NextToken: token,
          }),
        ),
      );
      if (!page.ok) return page;
      for (const summary of page.value.Policies ?? []) {
        const id = summary.Id ?? "";
        if (!documents.has(id)) {
          const described = await tryRead(`organizations:DescribePolicy on ${id} as ${reader.label}`, () =>
            client.send(new DescribePolicyCommand({ PolicyId: id })),
          );
          if (!described.ok) return described;
          documents.set(id, described.value.Policy?.Content ?? "{}");
        }
        policies.push({
          type: "scp",
          id,
          policyName: summary.Name ?? id,
          name: summary.Arn ?? id,
          document: documents.get(id) ?? "{}",
        });
      }
      token = page.value.NextToken;
    } while (token);
    levels.push({ target, policies });
  }
  return { ok: true, value: levels };
}

/**
 * The SCPs on `account`: read through the first reader the organization lets in; "none" when the
 * account is in no organization or manages it (SCPs never restrict the management account).
 */
export async function readScps(account: string, readers: NamedReader[]): Promise<ScpRead> {
  let org: { id: string; managementAccount: string } | undefined;
  const why: string[] = [];
  for (const reader of readers.filter((r) => r.account === account)) {
    const described = await orgOf(reader);
    if (!described.ok && described.code === "AWSOrganizationsNotInUseException")
      return {
        state: "none",
        account,
        why: `${account} is in no organization (DescribeOrganization as ${reader.label}): no SCP applies`,
      };
    if (!described.ok) {
      why.push(described.why);
      continue;
    }
    const o = described.value.Organization;
    if (o?.Id && o.MasterAccountId) org = { id: o.Id, managementAccount: o.MasterAccountId };
    if (org?.managementAccount === account)
      return {
        state: "none",
        account,
        why: `${account} is the management account of ${org.id}: SCPs never restrict it`,
      };
    break;
  }
  for (const reader of readers) {
    const levels = await levelsAs(reader, account);
    if (levels.ok)
      return {
        state: "read",
        account,
        levels: levels.value,
        managementAccount: org?.managementAccount,
        by: reader.label,
      };
    why.push(levels.why);
  }
  return { state: "unreadable", account, ...(org ? { org } : {}), why: [...new Set(why)] };
}
