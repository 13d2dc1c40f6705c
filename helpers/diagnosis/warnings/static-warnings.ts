/**
 * Static checks that run even when every call succeeds, reported as warnings (README, "JSON
 * report"): the article's `dbuser:<user>/<db>` resource (docs/architecture.md, the seed) and dbuser ARNs in the
 * wrong account, trust policies naming a whole account where a role was meant, `*` principals,
 * chained sessions longer than 1 h, and COPY roles whose trust lets others than Redshift assume them.
 *
 * Known gaps: needs a B reader for everything but the session length (without one, one `info`
 * warning says so); the DB-level ASSUMEROLE grants (who else may use the COPY role in SQL) are not read.
 */
import type { ChainConfig } from "../../../config/chain-config.ts";
import type { Warning } from "../../report/types.ts";
import { accountOf } from "../catalog/fix-values.ts";
import { dbUserGrants, dbUserMistakes } from "../read/dbuser-grants.ts";
import { B_READ_HINT, type ReadAccess } from "../read/read-access.ts";
import { readRole, readRolePolicies } from "../read/read-role.ts";
import { awsPrincipals } from "../read/trust-verdict.ts";

type Statement = {
  Effect?: string;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

function statementsOf(doc: object): Statement[] {
  const s = (doc as { Statement?: unknown }).Statement;
  return (Array.isArray(s) ? s : s ? [s] : []) as Statement[];
}

const hasPrincipalArnCondition = (s: Statement) =>
  Object.values(s.Condition ?? {}).some((op) => Object.keys(op).some((k) => /^aws:PrincipalArn$/i.test(k)));

function trustWarnings(doc: object, roleArn: string, meant: string | undefined): Warning[] {
  const out: Warning[] = [];
  for (const s of statementsOf(doc).filter((x) => x.Effect === "Allow")) {
    for (const p of awsPrincipals({ Statement: [s] })) {
      if (p === "*")
        out.push({
          check: "trust-wildcard-principal",
          severity: "warning",
          message: `${roleArn}'s trust lets any AWS principal ("*") assume it${s.Condition ? " (only its conditions restrict it)" : ""}.`,
          fix: meant
            ? `Name the role instead: "Principal": { "AWS": "${meant}" }`
            : "Name the exact role ARN that should assume it.",
        });
      else if ((/^\d{12}$/.test(p) || /:root$/.test(p)) && !hasPrincipalArnCondition(s))
        out.push({
          check: "trust-names-account",
          severity: "warning",
          message: `${roleArn}'s trust names the whole account ${p}: every role and user there that is allowed sts:AssumeRole can assume it.`,
          fix: meant
            ? `Name the role: "Principal": { "AWS": "${meant}" }, or keep the account with "Condition": { "ArnEquals": { "aws:PrincipalArn": "${meant}" } }`
            : `Add "Condition": { "ArnEquals": { "aws:PrincipalArn": "<role arn>" } }`,
        });
      else if (/^AROA[A-Z0-9]+$/.test(p))
        out.push({
          check: "trust-stale-principal",
          severity: "warning",
          message: `${roleArn}'s trust names ${p}, a unique id left when the named role was deleted; it matches nobody.`,
          fix: meant ? `Replace it with "${meant}".` : "Replace it with the role's ARN.",
        });
    }
  }
  return out;
}

export async function staticWarnings(
  config: ChainConfig,
  access: ReadAccess,
  lambdaRoleArn?: string,
): Promise<Warning[]> {
  const warnings: Warning[] = [];
  if (config.durationSeconds > 3600)
    warnings.push({
      check: "chained-session-duration",
      severity: "warning",
      message: `DurationSeconds ${config.durationSeconds} exceeds 3600: from Lambda, AssumeRole is role chaining and is capped at 1 h, whatever the role's MaxSessionDuration.`,
      fix: "CHAINCHECK_DURATION_SECONDS=3600 (and DurationSeconds ≤ 3600 in the Lambda); re-assume for longer work.",
    });
  const reader = access.readerB;
  if (!reader) {
    warnings.push({
      check: "b-policies-unread",
      severity: "info",
      message: "B's trust and role policies were not read, so the static checks on them did not run.",
      fix: B_READ_HINT,
    });
    return warnings;
  }
  const bRole = await readRole(reader, config.targetRoleArn);
  if (bRole.ok && bRole.value !== "missing")
    warnings.push(...trustWarnings(bRole.value.trust, config.targetRoleArn, lambdaRoleArn));
  const policies = await readRolePolicies(reader, config.targetRoleArn);
  if (policies.ok) {
    const accountB = accountOf(config.targetRoleArn);
    const mistakes = dbUserMistakes(dbUserGrants(policies.value), { ...config, account: accountB });
    const good = `arn:aws:redshift:${config.region}:${accountB}:dbuser:${config.clusterId ?? "<cluster>"}/${config.dbUser ?? "<dbuser>"}`;
    for (const g of mistakes.userDbForm)
      warnings.push({
        check: "dbuser-arn-format",
        severity: "warning",
        message: `dbuser ARN names user/db, expected cluster/user: ${g.arn} in ${g.policy}. AmazonRedshiftFullAccess or a wildcard may mask it today.`,
        fix: `Use ${good} and arn:aws:redshift:${config.region}:${accountB}:dbname:${config.clusterId ?? "<cluster>"}/${config.database}`,
      });
    for (const g of mistakes.wrongPlace)
      warnings.push({
        check: "dbuser-arn-wrong-account",
        severity: "warning",
        message: `${g.arn} in ${g.policy} is not in the cluster's account ${accountB} / region ${config.region}.`,
        fix: `Use ${good}`,
      });
  }
  if (config.copyRoleArn) {
    const copy = await readRole(reader, config.copyRoleArn);
    if (copy.ok && copy.value !== "missing") {
      const others = awsPrincipals(copy.value.trust);
      if (others.length)
        warnings.push({
          check: "copy-role-usable-by-others",
          severity: "warning",
          message: `The COPY role ${config.copyRoleArn} can also be assumed by ${others.join(", ")}, not only by Redshift: whoever can assume it reads the COPY source.`,
          fix: 'Trust only { "Service": ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"] }, scoped with aws:SourceAccount.',
        });
    }
  }
  return warnings;
}
