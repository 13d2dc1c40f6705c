/**
 * The generator for `scp-denied`: the chain's calls (A's execution role assuming B's role; B's role
 * getting credentials and using the Data API; the COPY role reading the source) are evaluated
 * against the SCPs on their account by the policy engine, one Deny statement at a time, with the
 * organization keys the emulator gives; every Deny statement that refuses one of them gets an
 * exception for that role (`ArnNotLike` on `aws:PrincipalArn`), applied in the organization's
 * management account with `aws organizations update-policy`. The Deny keeps applying to every
 * other principal.
 *
 * Known gaps: an allow-list SCP (no FullAWSAccess, an Allow that lacks the action) gets no patch;
 * the fix text says to add the action to its Allow.
 */
import { Organizations, ouChainOf } from "../../emulator/world/organizations.ts";
import { evaluate, type NamedPolicy } from "../../policy/index.ts";
import type { Generated } from "./fix-identity-causes.ts";
import type { FixChange, PolicyDocument } from "./fix-types.ts";
import {
  asList,
  bucketAndKey,
  copyDocument,
  copyRoleArns,
  execRoleArn,
  type FixContext,
  profileFor,
  roleNameOf,
} from "./setup-facts.ts";

interface ChainCall {
  roleArn: string;
  action: string;
  resource: string;
  resourceAccount?: string;
}

const ALLOW_ALL: NamedPolicy = {
  type: "identity",
  name: "assumed allow",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

function chainCalls(ctx: FixContext): ChainCall[] {
  const { chain } = ctx;
  const calls: ChainCall[] = [];
  const b = chain.targetRoleArn;
  if (b)
    calls.push({
      roleArn: execRoleArn(ctx),
      action: "sts:AssumeRole",
      resource: b,
      resourceAccount: ctx.accountB,
    });
  const cluster = `arn:aws:redshift:${ctx.region}:${ctx.accountB}:cluster:${chain.clusterId ?? "*"}`;
  if (b && chain.clusterId && chain.dbUser)
    calls.push({
      roleArn: b,
      action: "redshift:GetClusterCredentials",
      resource: `arn:aws:redshift:${ctx.region}:${ctx.accountB}:dbuser:${chain.clusterId}/${chain.dbUser}`,
      resourceAccount: ctx.accountB,
    });
  if (b)
    for (const action of [
      "redshift-data:ExecuteStatement",
      "redshift-data:DescribeStatement",
      "redshift-data:GetStatementResult",
    ])
      calls.push({ roleArn: b, action, resource: cluster, resourceAccount: ctx.accountB });
  const reader = copyRoleArns(ctx).pop();
  const source = bucketAndKey(chain.copySource);
  const bucket = source && ctx.setup.s3Buckets.find((x) => x.name === source.bucket);
  if (reader && source) {
    const owner = bucket?.account ?? ctx.accountA;
    calls.push(
      {
        roleArn: reader,
        action: "s3:ListBucket",
        resource: `arn:aws:s3:::${source.bucket}`,
        resourceAccount: owner,
      },
      {
        roleArn: reader,
        action: "s3:GetObject",
        resource: `arn:aws:s3:::${source.bucket}/${source.key}`,
        resourceAccount: owner,
      },
    );
  }
  return calls;
}

/** Whether statement `s` alone, as an SCP, denies `call` (with the organization keys of the setup). */
function denies(s: Record<string, unknown>, call: ChainCall, orgs: Organizations): boolean {
  const account = call.roleArn.split(":")[4] ?? "";
  const session = `arn:aws:sts::${account}:assumed-role/${roleNameOf(call.roleArn)}/chaincheck`;
  const result = evaluate(
    {
      principal: {
        arn: session,
        account,
        kind: "assumed-role",
        roleArn: call.roleArn,
        userId: "AROAUNKNOWN:chaincheck",
      },
      action: call.action,
      resource: call.resource,
      context: {
        "aws:PrincipalArn": call.roleArn,
        "aws:PrincipalAccount": account,
        ...(call.resourceAccount ? { "aws:ResourceAccount": call.resourceAccount } : {}),
        ...orgs.contextKeys(account, call.resourceAccount),
      },
    },
    {
      identity: [ALLOW_ALL],
      scps: [[{ type: "scp", name: "statement", document: { Version: "2012-10-17", Statement: [s] } }]],
    },
  );
  return result.decision === "ExplicitDeny";
}

function exempt(statement: Record<string, unknown>, roleArn: string): void {
  const condition = { ...((statement.Condition as Record<string, Record<string, unknown>>) ?? {}) };
  const notLike = { ...(condition.ArnNotLike ?? {}) };
  const held = asList(notLike["aws:PrincipalArn"]);
  const all = [...new Set([...held, roleArn])];
  notLike["aws:PrincipalArn"] = all.length === 1 ? roleArn : all;
  condition.ArnNotLike = notLike;
  statement.Condition = condition;
}

export function scpDenied(ctx: FixContext): Generated {
  const orgs = new Organizations(ctx.setup.organizations);
  const changes: FixChange[] = [];
  const calls = chainCalls(ctx);
  for (const org of ctx.setup.organizations) {
    for (const scp of org.scps) {
      const doc: PolicyDocument = copyDocument(
        typeof scp.document === "string" ? JSON.parse(scp.document) : scp.document,
      );
      const exempted = new Set<string>();
      for (const call of calls) {
        const account = call.roleArn.split(":")[4] ?? "";
        if (!org.accounts.includes(account) || org.managementAccount === account) continue;
        const levels = ["root", ...ouChainOf(org, account), account];
        if (!scp.targets.some((t) => levels.includes(t))) continue;
        for (const statement of doc.Statement) {
          if (statement.Effect !== "Deny" || !denies(statement, call, orgs)) continue;
          exempt(statement, call.roleArn);
          exempted.add(roleNameOf(call.roleArn));
        }
      }
      if (!exempted.size) continue;
      changes.push({
        where: "organization",
        accountId: org.managementAccount,
        profile: profileFor(ctx, org.managementAccount),
        summary: `Exempt ${[...exempted].join(", ")} from the Deny of the SCP ${scp.name} (${scp.id}) with ArnNotLike on aws:PrincipalArn; the Deny still applies to every other principal.`,
        layer: { organizations: [{ id: org.id, scps: [{ id: scp.id, document: doc }] }] },
        operations: [{ kind: "organizations-update-policy", policyId: scp.id, document: doc }],
      });
    }
  }
  return changes.length
    ? changes
    : "no SCP Deny statement of the setup refuses a call of the chain (an allow-list SCP needs the action added to its Allow)";
}
