/**
 * A negative control the target allowed is not always the target's fault: the setup's own policy
 * may allow it (B's role may get credentials for `dbuser:<cluster>/*`; B's trust names its own
 * account). Then the control cannot tell whether the target enforces IAM, and the finding is about
 * the policy. When the harness can read the policy (a reader in B), it evaluates the control with the
 * project's policy engine: allowed by the policy → the link's assurance is `unknown` and the report
 * gets a `control-allowed-by-policy` warning with the narrower statement; denied by the policy →
 * the target ignored it, the link stays `not-enforced`.
 *
 * The other way round: a target that denies what the setup's policy allows (moto scopes
 * GetClusterCredentials to `*` only) is a target fault, not B's policy — `deniedDespitePolicy` says
 * so for the credential call, and the link ends `error`.
 *
 * Known gaps: only the controls naming a DB user no policy grants (`cluster-credentials`,
 * `execute-statement`) and `assume-role`'s (B's own session) are explained; without a reader in B they stay `not-enforced`.
 */
import type { ChainConfig } from "../../config/chain-config.ts";
import { evaluate } from "../../policy/index.ts";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import { readRole, readRolePolicies, roleNameOf } from "../diagnosis/read/read-role.ts";
import { sessionPrincipal } from "../diagnosis/read/trust-verdict.ts";
import type { LinkReport, Warning } from "../report/types.ts";
import { accountOfArn } from "./check.ts";

export async function explainAllowedControls(
  links: LinkReport[],
  config: ChainConfig,
  readerB: ReaderSettings | undefined,
): Promise<Warning[]> {
  const allowed = links.filter((l) => l.status === "pass" && l.control?.outcome === "allowed");
  if (!readerB || allowed.length === 0) return [];
  const warnings: Warning[] = [];
  const roleArn = config.targetRoleArn;
  const account = accountOfArn(roleArn) ?? "";
  const roleName = roleNameOf(roleArn);
  const policies = await readRolePolicies(readerB, roleArn);
  for (const link of allowed) {
    const ghost = /DB user (\S+)/.exec(link.control?.call ?? "")?.[1];
    // The Data API's control is the same question (its implicit GetClusterCredentials check).
    if ((link.id === "cluster-credentials" || link.id === "execute-statement") && ghost && policies.ok) {
      const arn = (kind: string, name: string) =>
        `arn:aws:redshift:${config.region}:${account}:${kind}:${config.clusterId}/${name}`;
      const decision = evaluate(
        {
          principal: sessionPrincipal(roleArn, config.sessionName),
          action: "redshift:GetClusterCredentials",
          resource: arn("dbuser", ghost),
          resourceAccount: account,
          context: { "redshift:DbUser": ghost, "redshift:DbName": config.database },
        },
        { identity: policies.value },
      );
      if (decision.decision !== "Allow") continue;
      link.assurance = "unknown";
      warnings.push({
        check: "control-allowed-by-policy",
        severity: "warning",
        message: `${roleName} may get credentials for any DB user of ${config.clusterId} (its policy allows the control's user ${ghost}), so the control cannot tell whether this target enforces IAM on ${link.id}`,
        fix: `scope redshift:GetClusterCredentials to ${arn("dbuser", config.dbUser ?? "<user>")} and ${arn("dbname", config.database)}`,
      });
    }
    if (link.id === "assume-role") {
      const role = await readRole(readerB, roleArn);
      if (!role.ok || role.value === "missing" || !policies.ok) continue;
      const decision = evaluate(
        {
          principal: sessionPrincipal(roleArn, "chaincheck-control", role.value.roleId),
          action: "sts:AssumeRole",
          resource: roleArn,
          resourceAccount: account,
          context: config.externalId ? { "sts:ExternalId": config.externalId } : {},
          isRoleTrust: true,
        },
        {
          identity: policies.value,
          resource: { type: "trust", name: `${roleArn} trust policy`, document: role.value.trust },
        },
      );
      if (decision.decision !== "Allow") continue;
      link.assurance = "unknown";
      warnings.push({
        check: "control-allowed-by-policy",
        severity: "warning",
        message: `${roleName}'s trust and policies let its own session assume it again (the control), so the control cannot tell whether this target enforces trust policies`,
        fix: `name only the chain's caller in ${roleName}'s trust policy: "Principal": { "AWS": "<A's execution role ARN>" }`,
      });
    }
  }
  return warnings;
}

/**
 * When the target denied GetClusterCredentials for the chain's DB user although B's role policies
 * (read by the reader in B, evaluated by the project's policy engine) allow it on both the dbuser
 * and the dbname ARN: the text saying so; else undefined (the denial stands as the setup's).
 */
export async function deniedDespitePolicy(
  config: ChainConfig,
  readerB: ReaderSettings,
): Promise<string | undefined> {
  if (!config.dbUser || !config.clusterId) return undefined;
  const policies = await readRolePolicies(readerB, config.targetRoleArn);
  if (!policies.ok) return undefined;
  const account = accountOfArn(config.targetRoleArn) ?? "";
  const arn = (kind: string, name: string) =>
    `arn:aws:redshift:${config.region}:${account}:${kind}:${config.clusterId}/${name}`;
  const resources = [arn("dbuser", config.dbUser), arn("dbname", config.database)];
  const allowed = resources.every(
    (resource) =>
      evaluate(
        {
          principal: sessionPrincipal(config.targetRoleArn, config.sessionName),
          action: "redshift:GetClusterCredentials",
          resource,
          resourceAccount: account,
          context: { "redshift:DbUser": config.dbUser, "redshift:DbName": config.database },
        },
        { identity: policies.value },
      ).decision === "Allow",
  );
  if (!allowed) return undefined;
  return `the target denied redshift GetClusterCredentials on ${resources.join(" and ")}, which ${roleNameOf(config.targetRoleArn)}'s policies allow (read from B, evaluated by chaincheck's policy engine): the target does not evaluate this policy as AWS does`;
}
