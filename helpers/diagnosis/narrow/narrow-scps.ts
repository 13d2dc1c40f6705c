/**
 * The SCP step, after a link's own narrowing: wherever a call of the chain was denied, weigh the
 * Organizations SCPs on the caller's account (A for link 1's sts:AssumeRole, B for the credential,
 * Data API and COPY calls — an SCP bounds the principals of the account it is attached to).
 *
 * - The SCPs can be read (a reader is the management account): the denied call is evaluated with
 *   them by the policy engine; an SCP that refuses it is `scp-denied`, settled, naming the policy,
 *   its statement and the SCP with the exception made; SCPs that allow it are ruled out.
 * - The account is in no organization, or manages it: no SCP applies, ruled out.
 * - They cannot be read (the usual case): an SCP the text already named stays settled; when the
 *   policies read allow the call (`unexplained`), an SCP is ranked first; an unsettled denial gets
 *   `scp-denied` as a last candidate. Each names the Organizations reads that would settle it.
 *
 * Known gaps: RCPs and VPC endpoint policies are not read; aws:ResourceOrgID is known only through a
 * reader in the resource's account; a chained COPY role's SCPs are those of its own account.
 */
import { DescribeOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { explain, type NamedPolicy } from "../../../policy/index.ts";
import type { LinkReport } from "../../report/types.ts";
import type { CauseId } from "../catalog/causes.ts";
import { accountOf, bucketOf, nameOf, rendered } from "../catalog/fix-values.ts";
import type { Classification } from "../classify/classify-error.ts";
import { conditionNotes } from "../read/condition-notes.ts";
import { tryRead } from "../read/read-access.ts";
import { type NamedReader, readScps, type ScpRead, scpReadHint } from "../read/read-scps.ts";
import { sessionPrincipal } from "../read/trust-verdict.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { DeniedCall, Finding } from "./finding.ts";

/** Causes of a refused call, where an SCP refusing it instead cannot be ruled out by the text. */
const DENIALS = new Set<CauseId>([
  "caller-policy-missing-assume-role",
  "trust-policy-missing-principal",
  "get-cluster-credentials-denied",
  "dbuser-arn-format",
  "dbuser-arn-wrong-account",
  "serverless-credentials-denied",
  "secret-unreadable",
  "data-api-denied",
  "copy-s3-identity-denied",
  "copy-s3-bucket-policy-denied",
  "copy-s3-bucket-policy-explicit-deny",
  "copy-kms-denied",
  "copy-role-chain-broken",
]);

const ALLOW_ALL: NamedPolicy = {
  type: "identity",
  name: "assumed allow",
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

function readers(ctx: DiagnoseContext): NamedReader[] {
  const out: NamedReader[] = [
    { label: "the tester in A", settings: ctx.access.tester, account: ctx.values.accountA },
  ];
  if (ctx.access.readerB)
    out.push({ label: "the reader in B", settings: ctx.access.readerB, account: ctx.values.accountB });
  if (ctx.access.bRoleSession)
    out.push({ label: "B's role session", settings: ctx.access.bRoleSession, account: ctx.values.accountB });
  return out;
}

/** A role ARN for a session ARN, the configured one when its name matches (it keeps the path). */
function roleOfSession(session: string, ctx: DiagnoseContext): string | undefined {
  const m = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(session);
  if (!m) return undefined;
  const known = [
    ctx.values.lambdaRoleArn,
    ctx.config.targetRoleArn,
    ...(ctx.config.copyRoleArn ?? "").split(","),
  ];
  return (
    known.find((r) => r && accountOf(r) === m[1] && nameOf(r) === m[2]) ?? `arn:aws:iam::${m[1]}:role/${m[2]}`
  );
}

/** S3 ARNs carry no account: the COPY source's bucket is A's. */
function s3Owner(resource: string | undefined, ctx: DiagnoseContext): string | undefined {
  const bucket = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(resource ?? "")?.[1];
  return bucket && bucket === bucketOf(ctx.config.copySource) ? ctx.values.accountA : undefined;
}

/** The denied call: the narrowing's, else the text's caller and action, else the link's own call. */
function deniedCall(report: LinkReport, c: Classification | undefined, f: Finding, ctx: DiagnoseContext) {
  if (f.call) return f.call;
  const caller = c?.facts.callerArn;
  const roleArn = caller ? roleOfSession(caller, ctx) : undefined;
  if (roleArn && c?.facts.action)
    return {
      roleArn,
      sessionName: caller?.split("/").pop() ?? "chaincheck",
      action: c.facts.action,
      resource: c.facts.resourceArn ?? "*",
      resourceAccount: c.facts.resourceAccount ?? s3Owner(c.facts.resourceArn, ctx),
    } satisfies DeniedCall;
  const r = rendered(ctx.values);
  const b = ctx.config.targetRoleArn;
  switch (report.id) {
    case "lambda-role":
    case "assume-role":
      return ctx.values.lambdaRoleArn
        ? {
            roleArn: ctx.values.lambdaRoleArn,
            sessionName: ctx.values.functionName ?? "chaincheck",
            action: "sts:AssumeRole",
            resource: b,
          }
        : undefined;
    case "cluster-credentials":
      return ctx.config.clusterId
        ? {
            roleArn: b,
            sessionName: "chaincheck",
            action: "redshift:GetClusterCredentials",
            resource: r.dbUserArn,
          }
        : undefined;
    case "execute-statement":
      return ctx.config.clusterId
        ? {
            roleArn: b,
            sessionName: "chaincheck",
            action: "redshift-data:ExecuteStatement",
            resource: r.clusterArn,
          }
        : undefined;
    default:
      return undefined;
  }
}

async function orgIdOf(account: string | undefined, rs: NamedReader[]): Promise<string | undefined> {
  const reader = rs.find((r) => r.account === account);
  if (!reader) return undefined;
  const read = await tryRead("organizations:DescribeOrganization", () =>
    new OrganizationsClient(reader.settings).send(new DescribeOrganizationCommand({})),
  );
  return read.ok ? read.value.Organization?.Id : undefined;
}

/** The SCP document with `roleArn` exempted from its statement `index` (ArnNotLike on aws:PrincipalArn). */
function withException(
  document: NamedPolicy["document"],
  index: number,
  roleArn: string,
): string | undefined {
  try {
    const doc = (typeof document === "string" ? JSON.parse(document) : structuredClone(document)) as {
      Statement: Record<string, unknown>[] | Record<string, unknown>;
    };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const statement = list[index];
    if (!statement) return undefined;
    const condition = { ...((statement.Condition as Record<string, Record<string, unknown>>) ?? {}) };
    const notLike = { ...(condition.ArnNotLike ?? {}) };
    const held = ([] as unknown[]).concat(notLike["aws:PrincipalArn"] ?? []);
    notLike["aws:PrincipalArn"] = held.length ? [...new Set([...held, roleArn])] : roleArn;
    condition.ArnNotLike = notLike;
    statement.Condition = condition;
    doc.Statement = list;
    return JSON.stringify(doc);
  } catch {
    return undefined;
  }
}

async function judge(
  read: Extract<ScpRead, { state: "read" }>,
  call: DeniedCall,
  f: Finding,
  ctx: DiagnoseContext,
) {
  const account = read.account;
  const rs = readers(ctx);
  const [principalOrg, resourceOrg] = await Promise.all([
    orgIdOf(account, rs),
    call.resourceAccount ? orgIdOf(call.resourceAccount, rs) : undefined,
  ]);
  const principal = sessionPrincipal(call.roleArn, call.sessionName);
  const context = {
    "aws:PrincipalArn": call.roleArn,
    "aws:PrincipalAccount": account,
    ...(call.resourceAccount ? { "aws:ResourceAccount": call.resourceAccount } : {}),
    ...(principalOrg ? { "aws:PrincipalOrgID": principalOrg } : {}),
    ...(resourceOrg ? { "aws:ResourceOrgID": resourceOrg } : {}),
    ...call.context,
  };
  const scps = read.levels.map((l) => l.policies);
  const decision = explain(
    { principal, action: call.action, resource: call.resource, context },
    { identity: [ALLOW_ALL], scps },
  );
  const levelsSaid = read.levels
    .map((l) => `${l.target}: ${l.policies.map((p) => p.id).join(", ") || "no SCP"}`)
    .join("; ");
  const readSaid = `The SCPs on ${account} and its parents (read with organizations:ListPoliciesForTarget and DescribePolicy as ${read.by}): ${levelsSaid}.`;
  const scpDenies = decision.deniedBy?.policyType === "scp" || decision.missing?.includes("scp");
  if (!scpDenies)
    return {
      ...f,
      others: f.others?.filter((x) => x !== "scp-denied"),
      evidence: [
        ...f.evidence,
        readSaid,
        `They allow ${call.action} on ${call.resource} to ${call.roleArn}.`,
      ],
    };
  const deny = decision.trace.find((t) => t.effect === "Deny" && t.policyType === "scp");
  const policy = read.levels.flatMap((l) => l.policies).find((p) => p.name === deny?.policyName);
  const level = read.levels.find((l) => l.policies.some((p) => p.name === deny?.policyName));
  const statement =
    deny?.statementSid ?? (deny?.statementIndex !== undefined ? `#${deny.statementIndex + 1}` : undefined);
  const scpDocument =
    policy && deny?.statementIndex !== undefined
      ? withException(policy.document, deny.statementIndex, call.roleArn)
      : undefined;
  const conditions = conditionNotes(decision, scps.flat(), context);
  return {
    cause: "scp-denied" as const,
    side: account === ctx.values.accountA ? ("A" as const) : ("B" as const),
    evidence: [
      ...f.evidence,
      readSaid,
      deny && policy
        ? `The SCP ${policy.policyName} (${policy.id}) attached to ${level?.target} denies ${call.roleArn} ${call.action} on ${call.resource}${statement ? ` (statement ${statement})` : ""}.`
        : `No SCP at one level of ${account}'s organization allows ${call.action} on ${call.resource}.`,
      ...conditions,
    ],
    values: {
      ...f.values,
      action: call.action,
      resourceArn: call.resource,
      exemptRoleArn: call.roleArn,
      scpAccount: account,
      managementAccount: read.managementAccount,
      ...(policy ? { scpId: policy.id, scpName: policy.policyName } : {}),
      ...(statement ? { denyStatement: statement } : {}),
      ...(scpDocument ? { scpDocument } : {}),
    },
    call,
  } satisfies Finding;
}

/** The finding, with the SCPs on the denied call's account weighed in. */
export async function weighScps(
  report: LinkReport,
  c: Classification | undefined,
  f: Finding,
  ctx: DiagnoseContext,
): Promise<Finding> {
  const named = f.cause === "scp-denied";
  const open = (f.others?.length ?? 0) > 0 && DENIALS.has(f.cause);
  if (!named && !f.unexplained && !open) return f;
  const call = deniedCall(report, c, f, ctx);
  const account = call && accountOf(call.roleArn);
  if (!call || !account) return f;
  const read = await readScps(account, readers(ctx));
  if (read.state === "read") return judge(read, call, f, ctx);
  if (read.state === "none")
    return named
      ? f
      : {
          ...f,
          others: f.others?.filter((x) => x !== "scp-denied"),
          evidence: [...f.evidence, `${read.why}.`],
        };
  const management = read.org?.managementAccount;
  const hint = scpReadHint(account, management);
  const values = {
    action: call.action,
    resourceArn: call.resource,
    exemptRoleArn: call.roleArn,
    scpAccount: account,
    ...(management ? { managementAccount: management } : {}),
  };
  const unread = `The SCPs on ${account} were not read: ${read.why.join("; ")}.`;
  if (named) return { ...f, evidence: [...f.evidence, unread], values: { ...values, ...f.values } };
  if (f.unexplained)
    return {
      cause: "scp-denied",
      side: account === ctx.values.accountA ? "A" : "B",
      evidence: [
        ...f.evidence,
        `The policies read allow ${call.action} on ${call.resource} to ${call.roleArn}, so a policy outside them refuses it: most likely an SCP on ${account}${read.org ? ` (a member of ${read.org.id})` : ""}.`,
        unread,
      ],
      others: [f.cause, ...(f.others ?? [])].filter((x) => x !== "scp-denied"),
      settledBy: hint,
      values: { ...f.values, ...values },
      call,
    };
  return {
    ...f,
    others: [...(f.others ?? []).filter((x) => x !== "scp-denied"), "scp-denied"],
    ...(f.settledBy ? { settledBy: `${f.settledBy}; an SCP on ${account}: ${hint}` } : {}),
    evidence: [...f.evidence, unread],
  };
}
