/**
 * Link 5: the IAM_ROLE side of a failed COPY, narrowed with reads in B (and A for chained roles in A).
 *
 * - DescribeClusters IamRoles: is the first role associated? A role that is not (or does not exist
 *   at all, iam:GetRole) is `copy-role-not-associated`, also when Redshift complained about the
 *   ASSUMEROLE privilege first: granting it on a role the cluster cannot assume fixes nothing.
 * - iam:GetRole (trust) evaluated for the Redshift service principal with what Redshift sends:
 *   aws:SourceAccount (the cluster's account), aws:SourceArn (the cluster ARN), sts:ExternalId (the
 *   dbuser ARN). A trust that fails only on sts:ExternalId gives the same text as an unassociated
 *   role (code 8001), so the trust read is what separates the two.
 * - A chained IAM_ROLE, hop by hop: each role's policies (identity side, sts:AssumeRole on the next)
 *   and the next role's trust (naming the previous role's session), evaluated together.
 *
 * Known gaps: SCPs and permissions boundaries are not read; a role path is kept only as written in
 * the ARN; Serverless namespaces (no DescribeClusters) are not narrowed here.
 */
import { DescribeClustersCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import { evaluate, explain, type NamedPolicy, type PrincipalInfo } from "../../../policy/index.ts";
import { accountOf } from "../catalog/fix-values.ts";
import type { Classification } from "../classify/classify-error.ts";
import { conditionNotes } from "../read/condition-notes.ts";
import { B_READ_HINT, type ReaderSettings, tryRead } from "../read/read-access.ts";
import { readRole, readRolePolicies } from "../read/read-role.ts";
import { sessionPrincipal } from "../read/trust-verdict.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";

const SESSION = "RedshiftIamRoleSession";

export function copyChain(ctx: DiagnoseContext, c: Classification): string[] {
  return (ctx.config.copyRoleArn ?? c.facts.copyRoleArn ?? "").split(",").filter(Boolean);
}

/** The reader for a role's account: the tester in A, the B reader (or B's session) in B. */
function readerFor(ctx: DiagnoseContext, arn: string): ReaderSettings | undefined {
  const account = accountOf(arn);
  if (account && account === ctx.values.accountA) return ctx.access.tester;
  return ctx.access.readerB ?? ctx.access.bRoleSession;
}

async function associatedRoles(ctx: DiagnoseContext) {
  const reader = ctx.access.readerB ?? ctx.access.bRoleSession;
  const cluster = ctx.config.clusterId;
  if (!reader || !cluster) return undefined;
  const read = await tryRead(`redshift:DescribeClusters on ${cluster} in B`, () =>
    new RedshiftClient(reader).send(new DescribeClustersCommand({ ClusterIdentifier: cluster })),
  );
  return read.ok
    ? { ok: true as const, roles: read.value.Clusters?.[0]?.IamRoles?.map((r) => r.IamRoleArn ?? "") ?? [] }
    : read;
}

/** Not associated (or nonexistent) first role → the finding; associated → undefined. */
async function associationFinding(
  ctx: DiagnoseContext,
  first: string,
  said: string,
): Promise<Finding | string | undefined> {
  const assoc = await associatedRoles(ctx);
  if (!assoc) return "DescribeClusters (no reader in B)";
  if (!assoc.ok) return assoc.why;
  if (assoc.roles.includes(first)) return undefined;
  const reader = readerFor(ctx, first);
  const role = reader ? await readRole(reader, first) : undefined;
  const missing = role?.ok && role.value === "missing";
  return {
    cause: "copy-role-not-associated",
    evidence: [
      said,
      `DescribeClusters: ${ctx.config.clusterId} has ${assoc.roles.length ? assoc.roles.join(", ") : "no roles"} associated, not ${first}.`,
      ...(missing ? [`iam:GetRole: ${first} does not exist in its account (a typo in the ARN?).`] : []),
    ],
    values: { associatedRoles: assoc.roles, copyRoleMissing: missing || undefined },
  };
}

function redshiftTrustCheck(ctx: DiagnoseContext, roleArn: string, trust: object) {
  const account = ctx.values.accountB ?? accountOf(roleArn) ?? "";
  const cluster = ctx.config.clusterId ?? "";
  const dbUserArn = `arn:aws:redshift:${ctx.config.region}:${account}:dbuser:${cluster}/${ctx.config.dbUser ?? ""}`;
  const principal: PrincipalInfo = {
    arn: "redshift.amazonaws.com",
    account,
    kind: "service",
    userId: "redshift.amazonaws.com",
    service: "redshift.amazonaws.com",
  };
  const context = {
    "aws:PrincipalIsAWSService": "true",
    "aws:PrincipalServiceName": "redshift.amazonaws.com",
    "aws:SourceAccount": account,
    "aws:SourceArn": `arn:aws:redshift:${ctx.config.region}:${account}:cluster:${cluster}`,
    "sts:ExternalId": dbUserArn,
    "sts:RoleSessionName": SESSION,
  };
  const trustPolicy: NamedPolicy = { type: "trust", name: `${roleArn} trust policy`, document: trust };
  const result = explain(
    {
      principal,
      action: "sts:AssumeRole",
      resource: roleArn,
      resourceAccount: accountOf(roleArn),
      context,
      isRoleTrust: true,
    },
    { identity: [], resource: trustPolicy },
  );
  const named = result.statements.filter((s) => s.effect === "Allow" && s.action && s.principal);
  const onlyExternalId = named.find((s) => /sts:ExternalId$/i.test(s.failedCondition ?? ""));
  const conditions = conditionNotes(result, [trustPolicy], context);
  return { allows: result.decision === "Allow", named, onlyExternalId, dbUserArn, conditions };
}

function externalIdsOf(trust: object, index: number): string[] {
  const list = ([] as unknown[]).concat((trust as { Statement?: unknown }).Statement ?? []);
  const condition = (list[index] as { Condition?: Record<string, Record<string, unknown>> })?.Condition ?? {};
  for (const op of Object.values(condition))
    for (const [k, v] of Object.entries(op))
      if (k.toLowerCase() === "sts:externalid") return ([] as unknown[]).concat(v).map(String);
  return [];
}

/** The first role's trust, as Redshift assumes it. */
async function trustFinding(
  ctx: DiagnoseContext,
  first: string,
  said: string,
): Promise<Finding | string | undefined> {
  const reader = readerFor(ctx, first);
  const role = reader ? await readRole(reader, first) : undefined;
  if (!role) return `iam:GetRole on ${first} (no reader in its account)`;
  if (!role.ok) return role.why;
  if (role.value === "missing") return undefined;
  const verdict = redshiftTrustCheck(ctx, first, role.value.trust);
  if (verdict.allows) return undefined;
  if (verdict.onlyExternalId) {
    const ids = externalIdsOf(role.value.trust, verdict.onlyExternalId.statementIndex);
    return {
      cause: "copy-role-trust-missing-redshift",
      evidence: [
        said,
        `${first} is associated, and its trust lets redshift.amazonaws.com assume it only with sts:ExternalId ${ids.join(" or ")}; Redshift sends this database user's ARN, ${verdict.dbUserArn}.`,
      ],
      values: { trustExternalIds: ids },
    };
  }
  return {
    cause: "copy-role-trust-missing-redshift",
    evidence: [
      said,
      verdict.conditions.length
        ? `${first}'s trust names the Redshift service, but not for what Redshift sends. ${verdict.conditions.join(" ")}`
        : `iam:GetRole: ${first}'s trust has no statement letting redshift.amazonaws.com call sts:AssumeRole.`,
    ],
  };
}

/** Hop X → Y of a chain: X's policies and Y's trust, evaluated as STS would. */
async function hopFinding(
  ctx: DiagnoseContext,
  from: string,
  to: string,
  said: string,
): Promise<Finding | "ok" | string> {
  const fromReader = readerFor(ctx, from);
  const toReader = readerFor(ctx, to);
  if (!fromReader || !toReader) return `no reader for ${!fromReader ? from : to}`;
  const [policies, toRole] = await Promise.all([readRolePolicies(fromReader, from), readRole(toReader, to)]);
  if (!policies.ok) return policies.why;
  if (!toRole.ok) return toRole.why;
  const hop = { hopFrom: from, hopTo: to };
  const side = (arn: string) => (accountOf(arn) === ctx.values.accountA ? "A" : "B");
  if (toRole.value === "missing")
    return {
      cause: "copy-role-chain-broken",
      side: side(from),
      evidence: [said, `iam:GetRole: ${to} does not exist.`],
      values: hop,
    };
  const principal = sessionPrincipal(from, SESSION);
  const trust: NamedPolicy = { type: "trust", name: `${to} trust policy`, document: toRole.value.trust };
  const result = evaluate(
    {
      principal,
      action: "sts:AssumeRole",
      resource: to,
      resourceAccount: accountOf(to),
      context: {
        "aws:PrincipalArn": from,
        "aws:PrincipalAccount": principal.account,
        "sts:RoleSessionName": SESSION,
      },
      isRoleTrust: true,
    },
    { identity: policies.value, resource: trust },
  );
  if (result.decision === "Allow") return "ok";
  const trustGap = result.missing?.includes("trust") || result.deniedBy?.policyType === "trust";
  if (trustGap)
    return {
      cause: "copy-role-chain-broken",
      side: side(to),
      evidence: [said, `Hop ${from} → ${to}: ${to}'s trust does not let ${from} assume it.`],
      values: { ...hop, hopGap: "trust" },
    };
  return {
    cause: "copy-role-chain-broken",
    side: side(from),
    evidence: [said, `Hop ${from} → ${to}: ${from}'s own policies do not allow sts:AssumeRole on ${to}.`],
    values: { ...hop, hopGap: "identity" },
  };
}

/** Every candidate about the IAM_ROLE (association, trust, chain, ASSUMEROLE on an unusable role). */
export async function narrowCopyRole(
  c: Classification,
  ctx: DiagnoseContext,
  said: string,
): Promise<Finding | undefined> {
  const top = c.candidates[0]?.cause;
  const chain = copyChain(ctx, c);
  const [first] = chain;
  if (!first) return undefined;
  const unsettled: string[] = [];
  const associated = await associationFinding(ctx, first, said);
  if (typeof associated === "object") return associated;
  if (top === "copy-assumerole-privilege-missing") return undefined;
  if (associated) unsettled.push(associated);
  const trust = await trustFinding(ctx, first, said);
  if (typeof trust === "object") return trust;
  if (trust) unsettled.push(trust);
  for (let i = 0; i + 1 < chain.length; i++) {
    const hop = await hopFinding(ctx, chain[i], chain[i + 1], said);
    if (typeof hop === "object") return hop;
    if (hop !== "ok") unsettled.push(hop);
  }
  return {
    cause: top ?? "copy-role-not-associated",
    evidence: [
      said,
      unsettled.length ? `Not read: ${unsettled.join("; ")}.` : "The reads found no broken hop.",
    ],
    others: c.candidates.slice(1).map((x) => x.cause),
    settledBy: `iam:GetRole and the role policies of every role in ${chain.join(",")}, and redshift:DescribeClusters (${B_READ_HINT})`,
  };
}
