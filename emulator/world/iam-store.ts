/**
 * IAM state of every account: roles, users, customer managed policies, plus the AWS managed
 * policies every account sees. IAM is global, so nothing here is keyed by region.
 * Names are unique per account case-insensitively, as in IAM.
 *
 * Known gaps: no groups, instance profiles, OIDC/SAML providers or service-linked roles.
 */
import { awsManagedPolicyArns, findAwsManagedPolicy } from "./aws-managed-policies.ts";
import type { IamRole, IamUser, ManagedPolicy } from "./iam-entities.ts";
import type { IdGenerator } from "./ids.ts";
import { renderTrustPolicy } from "./trust-principals.ts";

const key = (account: string, name: string) => `${account}/${name.toLowerCase()}`;

export class IamStore {
  private readonly roles = new Map<string, IamRole>();
  private readonly users = new Map<string, IamUser>();
  private readonly policies = new Map<string, ManagedPolicy>();
  private readonly byUniqueId = new Map<string, IamRole | IamUser>();

  constructor(ids: IdGenerator) {
    for (const arn of awsManagedPolicyArns()) {
      const p = findAwsManagedPolicy(arn)!;
      const date = new Date(p.UpdateDate);
      this.policies.set(arn, {
        account: "aws",
        name: p.PolicyName,
        path: p.Path,
        arn,
        policyId: ids.uniqueId("ANPA"),
        createDate: date,
        updateDate: date,
        versions: [
          {
            versionId: p.DefaultVersionId,
            document: JSON.stringify(p.Document),
            isDefault: true,
            createDate: date,
          },
        ],
        tags: {},
      });
    }
  }

  getRole(account: string, name: string): IamRole | undefined {
    return this.roles.get(key(account, name));
  }

  /** A role by its ARN (path included, as AWS matches it). */
  getRoleByArn(arn: string): IamRole | undefined {
    const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    const role = this.getRole(m[1]!, m[2]!);
    return role && role.arn === arn ? role : undefined;
  }

  putRole(role: IamRole): void {
    this.roles.set(key(role.account, role.name), role);
    this.byUniqueId.set(role.roleId, role);
  }

  deleteRole(role: IamRole): void {
    this.roles.delete(key(role.account, role.name));
    this.byUniqueId.delete(role.roleId);
  }

  listRoles(account: string): IamRole[] {
    return [...this.roles.values()]
      .filter((r) => r.account === account)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  getUser(account: string, name: string): IamUser | undefined {
    return this.users.get(key(account, name));
  }

  getUserByArn(arn: string): IamUser | undefined {
    const m = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m) return undefined;
    const user = this.getUser(m[1]!, m[2]!);
    return user && user.arn === arn ? user : undefined;
  }

  putUser(user: IamUser): void {
    this.users.set(key(user.account, user.name), user);
    this.byUniqueId.set(user.userId, user);
  }

  allUsers(): IamUser[] {
    return [...this.users.values()];
  }

  getPolicy(arn: string): ManagedPolicy | undefined {
    return this.policies.get(arn);
  }

  putPolicy(policy: ManagedPolicy): void {
    this.policies.set(policy.arn, policy);
  }

  /** Customer managed policies of an account with the same name, whatever their path. */
  findPolicyByName(account: string, name: string): ManagedPolicy | undefined {
    const lower = name.toLowerCase();
    return [...this.policies.values()].find((p) => p.account === account && p.name.toLowerCase() === lower);
  }

  /** Unique id of the role/user an ARN names right now (used when a trust policy is saved). */
  uniqueIdOf(arn: string): string | undefined {
    if (/:role\//.test(arn)) return this.getRoleByArn(arn)?.roleId;
    if (/:user\//.test(arn)) return this.getUserByArn(arn)?.userId;
    return undefined;
  }

  /** Current ARN of the principal with this unique id, if it still exists. */
  arnOfUniqueId(uniqueId: string): string | undefined {
    return this.byUniqueId.get(uniqueId)?.arn;
  }

  principalExists(arn: string): boolean {
    return this.uniqueIdOf(arn) !== undefined;
  }

  /** The trust policy as GetRole shows it and as AssumeRole evaluates it. */
  renderedTrustPolicy(role: IamRole): Record<string, unknown> {
    return renderTrustPolicy(role.trustPolicy, (id) => this.arnOfUniqueId(id));
  }
}
