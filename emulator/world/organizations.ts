/**
 * AWS Organizations as far as authorization needs it: which SCPs bear on a principal's account.
 * Every level (root, account) must allow; AWS attaches FullAWSAccess to each level by default,
 * so a Deny SCP is the usual way to block. SCPs never restrict the management account.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 *
 * Known gaps: no OUs (only root and account levels); SCPs also apply to service-linked roles here.
 */
import type { NamedPolicy } from "../../policy/types.ts";
import type { SetupOrganization } from "./setup-schema.ts";

export const FULL_AWS_ACCESS_ARN = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";

const FULL_AWS_ACCESS: NamedPolicy = {
  type: "scp",
  name: FULL_AWS_ACCESS_ARN,
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

export const scpArn = (org: SetupOrganization, scpId: string) =>
  `arn:aws:organizations::${org.managementAccount}:policy/${org.id}/service_control_policy/${scpId}`;

export class Organizations {
  constructor(private readonly orgs: SetupOrganization[]) {}

  /** SCP levels for principals of `account`, or undefined when no SCP applies. */
  scpLevelsFor(account: string): NamedPolicy[][] | undefined {
    const org = this.orgs.find((o) => o.accounts.includes(account) || o.managementAccount === account);
    if (!org || org.managementAccount === account) return undefined;
    const level = (target: string): NamedPolicy[] => [
      ...(org.fullAWSAccess ? [FULL_AWS_ACCESS] : []),
      ...org.scps
        .filter((s) => s.targets.includes(target))
        .map((s) => ({ type: "scp" as const, name: scpArn(org, s.id), document: s.document })),
    ];
    return [level("root"), level(account)];
  }
}
