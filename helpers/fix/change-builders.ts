/**
 * One builder per kind of change: each returns the setup layer fragment and the AWS operation that
 * make the same change, so every generator states a change once.
 */
import { CHAIN_ENV } from "../../config/chain-fields.ts";
import type { FixChange, PolicyDocument } from "./fix-types.ts";
import { type Chain, type FixContext, profileFor, type SetupRole, sideOf } from "./setup-facts.ts";

function inAccount(
  ctx: FixContext,
  accountId: string,
  regional: boolean,
): Pick<FixChange, "where" | "accountId" | "profile" | "region"> {
  return {
    where: sideOf(ctx, accountId),
    accountId,
    profile: profileFor(ctx, accountId),
    ...(regional ? { region: ctx.region } : {}),
  };
}

export function putRolePolicy(
  ctx: FixContext,
  role: SetupRole,
  policyName: string,
  document: PolicyDocument,
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, role.account, false),
    summary,
    layer: {
      roles: [{ account: role.account, name: role.name, inlinePolicies: [{ name: policyName, document }] }],
    },
    operations: [{ kind: "iam-put-role-policy", roleName: role.name, policyName, document }],
  };
}

export function deleteRolePolicy(
  ctx: FixContext,
  role: SetupRole,
  policyName: string,
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, role.account, false),
    summary,
    layer: {
      roles: [
        { account: role.account, name: role.name, inlinePolicies: [{ name: policyName, $delete: true }] },
      ],
    },
    operations: [{ kind: "iam-delete-role-policy", roleName: role.name, policyName }],
  };
}

export function updateTrust(
  ctx: FixContext,
  role: SetupRole,
  document: PolicyDocument,
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, role.account, false),
    summary,
    layer: { roles: [{ account: role.account, name: role.name, trustPolicy: document }] },
    operations: [{ kind: "iam-update-assume-role-policy", roleName: role.name, document }],
  };
}

/** A new customer managed policy made the role's permissions boundary. */
export function replaceBoundary(
  ctx: FixContext,
  role: SetupRole,
  policyName: string,
  document: PolicyDocument,
  summary: string,
): FixChange {
  const arn = `arn:aws:iam::${role.account}:policy/${policyName}`;
  return {
    ...inAccount(ctx, role.account, false),
    summary,
    layer: {
      policies: [{ account: role.account, name: policyName, document }],
      roles: [{ account: role.account, name: role.name, permissionsBoundary: arn }],
    },
    operations: [
      { kind: "iam-create-policy", policyName, document },
      { kind: "iam-put-role-permissions-boundary", roleName: role.name, boundaryArn: arn },
    ],
  };
}

/**
 * `asRoot`: the bucket policy in force refuses the account's administrators s3:PutBucketPolicy, so
 * the change runs as the owner account's root user (profile `<account profile>-root`), whom S3
 * always lets replace its bucket's policy.
 */
export function putBucketPolicy(
  ctx: FixContext,
  bucket: { account: string; region: string; name: string },
  document: PolicyDocument,
  summary: string,
  asRoot = false,
): FixChange {
  const where = inAccount(ctx, bucket.account, false);
  return {
    ...where,
    ...(asRoot ? { profile: `${where.profile}-root` } : {}),
    region: bucket.region,
    summary,
    layer: {
      s3Buckets: [{ account: bucket.account, region: bucket.region, name: bucket.name, policy: document }],
    },
    operations: [{ kind: "s3-put-bucket-policy", bucket: bucket.name, document }],
  };
}

export function putKeyPolicy(
  ctx: FixContext,
  key: { account: string; region: string; id: string },
  document: PolicyDocument,
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, key.account, false),
    region: key.region,
    summary,
    layer: { kmsKeys: [{ account: key.account, region: key.region, id: key.id, policy: document }] },
    operations: [{ kind: "kms-put-key-policy", keyId: key.id, document }],
  };
}

export function putSecretPolicy(
  ctx: FixContext,
  secret: { account: string; region: string; name: string },
  secretArn: string,
  document: PolicyDocument,
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, secret.account, false),
    region: secret.region,
    summary,
    layer: {
      secrets: [{ account: secret.account, region: secret.region, name: secret.name, policy: document }],
    },
    operations: [{ kind: "secrets-put-resource-policy", secretId: secretArn, document }],
  };
}

export function addClusterRoles(
  ctx: FixContext,
  cluster: { account: string; region: string; id: string; iamRoles: string[] },
  roles: string[],
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, cluster.account, false),
    region: cluster.region,
    summary,
    layer: {
      redshiftClusters: [
        {
          account: cluster.account,
          region: cluster.region,
          id: cluster.id,
          iamRoles: [...cluster.iamRoles, ...roles],
        },
      ],
    },
    operations: [{ kind: "redshift-modify-cluster-iam-roles", clusterId: cluster.id, addRoles: roles }],
  };
}

/** SQL run in the cluster as its master user through the Data API; the layer says the same in setup terms. */
export function runSql(
  ctx: FixContext,
  cluster: { account: string; region: string; id: string; masterUsername: string },
  database: string,
  clusterLayer: Record<string, unknown>,
  sql: string,
  summary: string,
): FixChange {
  return {
    ...inAccount(ctx, cluster.account, false),
    region: cluster.region,
    summary,
    layer: {
      redshiftClusters: [
        { account: cluster.account, region: cluster.region, id: cluster.id, ...clusterLayer },
      ],
    },
    operations: [
      { kind: "redshift-data-sql", clusterId: cluster.id, database, dbUser: cluster.masterUsername, sql },
    ],
  };
}

/** A change of the chain's own settings: the setup's chain block, the CHAINCHECK_* variables. */
export function setChain(fields: Partial<Chain>, summary: string): FixChange {
  const settings: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const variable = CHAIN_ENV[field as keyof typeof CHAIN_ENV];
    if (variable && value !== undefined) settings[variable] = String(value);
  }
  return { where: "chain config", summary, layer: { chain: fields }, operations: [], settings };
}
