/**
 * Link 3 failed. A denied GetClusterCredentials reads the same whether the policy is missing or has
 * a malformed dbuser ARN; B's role policies (B reader, else B's role session itself) tell them apart.
 * A secret without username/password fails a check, not a call: `secret-malformed`.
 */
import type { LinkReport } from "../../report/types.ts";
import type { Classification } from "../classify/classify-error.ts";
import { dbUserGrants, dbUserMistakes } from "../read/dbuser-grants.ts";
import { B_READ_HINT } from "../read/read-access.ts";
import { readRolePolicies } from "../read/read-role.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";
import { checkById } from "./link-checks.ts";

export async function narrowClusterCredentials(
  report: LinkReport,
  c: Classification | undefined,
  ctx: DiagnoseContext,
): Promise<Finding | undefined> {
  const credentials = checkById(report, "db-credentials");
  const missingField = credentials?.facts?.missingField;
  if (!report.error && credentials?.status === "fail" && missingField)
    return {
      cause: "secret-malformed",
      evidence: [
        `secretsmanager:GetSecretValue on ${credentials.facts?.secretArn ?? ctx.config.secretArn} returned a secret without a non-empty ${missingField} field.`,
      ],
    };
  if (c?.candidates[0]?.cause !== "get-cluster-credentials-denied") return undefined;

  const evidence = [
    `${report.error?.service} ${report.error?.operation} answered ${report.error?.code}: ${c.facts.action ?? "the credential call"} denied on ${c.facts.resourceArn ?? "the dbuser"}.`,
  ];
  const bRoleArn = ctx.config.targetRoleArn;
  const reader = ctx.access.readerB ?? ctx.access.bRoleSession;
  const read = reader ? await readRolePolicies(reader, bRoleArn) : undefined;
  if (!read?.ok)
    return {
      cause: "get-cluster-credentials-denied",
      evidence: [...evidence, read ? `B's role policies: ${read.why}.` : "B's role policies were not read."],
      others: ["dbuser-arn-format", "dbuser-arn-wrong-account"],
      settledBy: `iam:GetRolePolicy / iam:GetPolicyVersion on ${bRoleArn} in B (${B_READ_HINT})`,
    };
  const grants = dbUserGrants(read.value);
  const mistakes = dbUserMistakes(grants, {
    clusterId: ctx.config.clusterId,
    dbUser: ctx.config.dbUser,
    database: ctx.config.database,
    account: ctx.values.accountB,
    region: ctx.config.region,
  });
  if (mistakes.userDbForm.length)
    return {
      cause: "dbuser-arn-format",
      evidence: [
        ...evidence,
        `B's role policy grants it on ${mistakes.userDbForm.map((g) => `${g.arn} (${g.policy})`).join(", ")}: dbuser:<user>/<db>, expected dbuser:<cluster>/<user>.`,
      ],
      values: { badDbUserArns: mistakes.userDbForm.map((g) => g.arn) },
    };
  if (mistakes.wrongPlace.length)
    return {
      cause: "dbuser-arn-wrong-account",
      evidence: [
        ...evidence,
        `B's role policy grants it on ${mistakes.wrongPlace.map((g) => g.arn).join(", ")}, not in account ${ctx.values.accountB} / region ${ctx.config.region}.`,
      ],
      values: { badDbUserArns: mistakes.wrongPlace.map((g) => g.arn) },
    };
  return {
    cause: "get-cluster-credentials-denied",
    evidence: [
      ...evidence,
      grants.length
        ? `B's role policies grant it only on ${grants.map((g) => g.arn).join(", ")}.`
        : `No policy of ${bRoleArn} grants redshift:GetClusterCredentials on any dbuser ARN.`,
    ],
  };
}
