/**
 * Link 4 (and a missing cluster seen at link 3), narrowed with reads in B.
 *
 * - A cluster id that B does not have in the region: DescribeClusters (all clusters in the region)
 *   as the B reader or B's session. IAM is evaluated before the cluster lookup, so with a DbUser a
 *   typo in the cluster id first shows as a GetClusterCredentials denial on a dbuser ARN naming the
 *   typo; the read shows the cluster is what is wrong, not the policy.
 * - A denied DescribeStatement/GetStatementResult is `data-api-denied` or the statement-owner
 *   condition: B's role policies tell (the harness submits and polls with one session, so an owner
 *   mismatch needs the condition in play).
 *
 * Known gaps: other regions are not searched for the cluster; Serverless workgroups are not listed.
 */
import { DescribeClustersCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import type { CauseId } from "../catalog/causes.ts";
import type { Classification } from "../classify/classify-error.ts";
import { B_READ_HINT, tryRead } from "../read/read-access.ts";
import { readRolePolicies } from "../read/read-role.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";

const CLUSTER_CANDIDATES = new Set<string>([
  "cluster-not-found",
  "get-cluster-credentials-denied",
  "dbuser-arn-format",
  "dbuser-arn-wrong-account",
] satisfies CauseId[]);

/** The configured cluster is absent from B's region → cluster-not-found; otherwise undefined. */
export async function narrowMissingCluster(
  c: Classification | undefined,
  ctx: DiagnoseContext,
): Promise<Finding | undefined> {
  const cluster = ctx.config.clusterId;
  if (!c || !cluster || !CLUSTER_CANDIDATES.has(c.candidates[0]?.cause ?? "")) return undefined;
  const reader = ctx.access.readerB ?? ctx.access.bRoleSession;
  if (!reader) return undefined;
  const read = await tryRead(`redshift:DescribeClusters in B (${ctx.config.region})`, () =>
    new RedshiftClient(reader).send(new DescribeClustersCommand({})),
  );
  if (!read.ok) return undefined;
  const ids = (read.value.Clusters ?? []).map((x) => x.ClusterIdentifier ?? "").filter(Boolean);
  if (ids.includes(cluster)) return undefined;
  const said = c.parsed.code ? `${c.parsed.code}: ${c.parsed.message}` : c.parsed.message;
  return {
    cause: "cluster-not-found",
    evidence: [
      `AWS said ${said.length > 300 ? `${said.slice(0, 300)}…` : said}${said.endsWith(".") ? "" : "."}`,
      `DescribeClusters in B's ${ctx.config.region}: ${ids.length ? ids.join(", ") : "no clusters"}, no ${cluster}.`,
    ],
    values: { existingClusters: ids },
  };
}

export async function narrowExecuteStatement(
  c: Classification | undefined,
  ctx: DiagnoseContext,
): Promise<Finding | undefined> {
  const missing = await narrowMissingCluster(c, ctx);
  if (missing || !c) return missing;
  const top = c.candidates[0]?.cause;
  if (top !== "data-api-denied" || c.certain) return undefined;
  const text = c.parsed.message.slice(0, 300);
  const said = `AWS said ${c.parsed.code}: ${text}${text.endsWith(".") ? "" : "."}`;
  const reader = ctx.access.readerB ?? ctx.access.bRoleSession;
  const role = ctx.config.targetRoleArn;
  const read = reader ? await readRolePolicies(reader, role) : undefined;
  if (!read?.ok)
    return {
      cause: top,
      evidence: [said, read ? `B's role policies: ${read.why}.` : "B's role policies were not read."],
      others: c.candidates.slice(1).map((x) => x.cause),
      settledBy: `iam:GetRolePolicy on ${role} (${B_READ_HINT})`,
    };
  const owner = read.value.filter((p) => /statement-owner-iam-userid/i.test(JSON.stringify(p.document)));
  if (owner.length)
    return {
      cause: "statement-owner-mismatch",
      evidence: [
        said,
        `${owner.map((p) => p.name).join(", ")} on ${role} uses redshift-data:statement-owner-iam-userid.`,
      ],
      others: ["data-api-denied"],
      settledBy: `CloudTrail in B: the aws:userid of the session that polled against the statement-owner condition of ${owner.map((p) => p.name).join(", ")}`,
    };
  return {
    cause: "data-api-denied",
    evidence: [
      said,
      `No policy of ${role} allows ${c.facts.action ?? "the action"} and no policy uses the statement-owner condition (the harness submits and polls with one session).`,
    ],
  };
}
