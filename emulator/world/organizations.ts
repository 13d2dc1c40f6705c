/**
 * AWS Organizations as far as authorization needs it: which SCPs bear on a principal's account, and
 * the organization keys of a request context (aws:PrincipalOrgID, aws:PrincipalOrgPaths,
 * aws:ResourceOrgID, aws:ResourceOrgPaths).
 * Every level (root, each OU down to the account's, the account) must allow; AWS attaches
 * FullAWSAccess to each level by default, so a Deny SCP is the usual way to block. SCPs never
 * restrict the management account.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
 *
 * An org path is `<org id>/<root id>/<ou id>/…/`, down to the OU the account sits in (the account
 * itself is not part of it); an account directly under the root has `<org id>/<root id>/`.
 *
 * Known gaps: SCPs also apply to service-linked roles here; service principals get no org keys
 * (AWS gives aws:SourceOrgID instead, not modelled); one organization per account.
 */
import type { NamedPolicy, RequestContextKeys } from "../../policy/types.ts";
import type { SetupOrganization } from "./setup-schema.ts";

export const FULL_AWS_ACCESS_ARN = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";

const FULL_AWS_ACCESS: NamedPolicy = {
  type: "scp",
  name: FULL_AWS_ACCESS_ARN,
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

export const scpArn = (org: SetupOrganization, scpId: string) =>
  `arn:aws:organizations::${org.managementAccount}:policy/${org.id}/service_control_policy/${scpId}`;

/** The root's id: the setup's, else `r-` and the first four characters of the org id after `o-`. */
export const rootIdOf = (org: SetupOrganization): string => org.rootId ?? `r-${org.id.slice(2, 6)}`;

/** The OU ids from the root down to the OU holding `account` (empty when it sits under the root). */
export function ouChainOf(org: SetupOrganization, account: string): string[] {
  const units = org.organizationalUnits ?? [];
  let ou = units.find((u) => u.accounts.includes(account));
  const chain: string[] = [];
  while (ou && !chain.includes(ou.id)) {
    chain.unshift(ou.id);
    const parent = ou.parent;
    ou = parent ? units.find((u) => u.id === parent) : undefined;
  }
  return chain;
}

export class Organizations {
  constructor(private readonly orgs: SetupOrganization[]) {}

  /** The organization `account` belongs to (as a member or its management account). */
  orgOf(account: string | undefined): SetupOrganization | undefined {
    if (!account) return undefined;
    return this.orgs.find((o) => o.accounts.includes(account) || o.managementAccount === account);
  }

  /** `<org id>/<root id>/<ou>/…/` for an account of an organization. */
  pathOf(account: string): string | undefined {
    const org = this.orgOf(account);
    if (!org) return undefined;
    return `${[org.id, rootIdOf(org), ...ouChainOf(org, account)].join("/")}/`;
  }

  /** SCP levels for principals of `account`, or undefined when no SCP applies. */
  scpLevelsFor(account: string): NamedPolicy[][] | undefined {
    const org = this.orgOf(account);
    if (!org || org.managementAccount === account) return undefined;
    const level = (target: string): NamedPolicy[] => [
      ...(org.fullAWSAccess ? [FULL_AWS_ACCESS] : []),
      ...org.scps
        .filter((s) => s.targets.includes(target))
        .map((s) => ({ type: "scp" as const, name: scpArn(org, s.id), document: s.document })),
    ];
    return [level("root"), ...ouChainOf(org, account).map(level), level(account)];
  }

  /**
   * The organization keys AWS adds to a request: the principal's (absent for a service principal
   * or an account outside any organization) and the resource owner's. aws:PrincipalOrgPaths and
   * aws:ResourceOrgPaths are multivalued keys (one path per account).
   */
  contextKeys(principalAccount: string | undefined, resourceAccount: string | undefined): RequestContextKeys {
    const keys: RequestContextKeys = {};
    const principalOrg = this.orgOf(principalAccount);
    if (principalOrg && principalAccount) {
      keys["aws:PrincipalOrgID"] = principalOrg.id;
      keys["aws:PrincipalOrgPaths"] = [this.pathOf(principalAccount) as string];
    }
    const resourceOrg = this.orgOf(resourceAccount);
    if (resourceOrg && resourceAccount) {
      keys["aws:ResourceOrgID"] = resourceOrg.id;
      keys["aws:ResourceOrgPaths"] = [this.pathOf(resourceAccount) as string];
    }
    return keys;
  }
}
