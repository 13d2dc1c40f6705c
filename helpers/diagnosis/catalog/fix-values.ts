/**
 * The values a fix is filled in with: the user's real ARNs, accounts, cluster, user and bucket,
 * from the chain config, from what the harness read, or from the pasted error text. A value nobody
 * knows renders as a clear `<placeholder>`; a known one is never replaced by a placeholder.
 *
 * Secrets never enter here: no keys, session tokens or passwords (a password in a fix is always
 * the `<password>` placeholder).
 */
import type { ChainConfig } from "../../../config/chain-config.ts";

export interface FixValues {
  accountA?: string;
  accountB?: string;
  region?: string;
  functionName?: string;
  lambdaRoleArn?: string;
  /** The execution role the chain config expects, when the function runs as another (link 1). */
  configuredLambdaRoleArn?: string;
  targetRoleArn?: string;
  externalId?: string;
  sessionName?: string;
  durationSeconds?: number;
  clusterId?: string;
  workgroupName?: string;
  database?: string;
  dbUser?: string;
  secretArn?: string;
  copySource?: string;
  copyRoleArn?: string;
  table?: string;
  copyOptions?: string;
  /** From the error text or a read: the denied action, the resource, who was denied and by what. */
  action?: string;
  resourceArn?: string;
  callerArn?: string;
  deniedBy?: string;
  relation?: string;
  bucketRegion?: string;
  /** The permissions boundary that lacks the Allow, and the role it is set on (from a read). */
  boundaryArn?: string;
  boundaryRoleArn?: string;
  /** The ExternalId B's trust policy expects (read from it; ExternalIds are not secrets). */
  expectedExternalId?: string;
  /** AROA… ids found in B's trust policy. */
  staleIds?: string[];
  /** The malformed dbuser resources found in B's role policy. */
  badDbUserArns?: string[];
  queryId?: string;
  loadError?: string;
  /** Links 4–5, from reads: the load error's line, the roles associated with the cluster, whether
   *  the COPY role exists, the SSE-KMS key, the chain hop that fails, sources and clusters that exist. */
  loadErrorLine?: number;
  associatedRoles?: string[];
  copyRoleMissing?: boolean;
  kmsKeyArn?: string;
  /** The Sid (or position) of the resource-policy Deny statement that refused the request, when read. */
  denyStatement?: string;
  /** Which side of the key lacks kms:Decrypt: "role policy", "key policy". */
  kmsGaps?: string[];
  hopFrom?: string;
  hopTo?: string;
  hopGap?: "identity" | "trust";
  /** The sts:ExternalId values the COPY role's Redshift trust statement accepts. */
  trustExternalIds?: string[];
  existingSources?: string[];
  existingClusters?: string[];
  /** An SCP that denies (from the text or an Organizations read), the account it restricts, the
   *  role to exempt, the management account that applies the change, and the SCP with the
   *  exception already made (JSON), when it was read. */
  scpId?: string;
  scpName?: string;
  scpAccount?: string;
  exemptRoleArn?: string;
  managementAccount?: string;
  scpDocument?: string;
  /** Which of the harness's statements failed (SQL causes surface in links 4 and 5). */
  sqlStatement?: "probe" | "scratch table" | "copy";
}

export function valuesFromConfig(config: Partial<ChainConfig> | undefined): FixValues {
  if (!config) return {};
  const v: FixValues = { ...config };
  v.accountB = accountOf(config.targetRoleArn);
  v.accountA = accountOf(config.lambdaRoleArn);
  return v;
}

/** Later layers fill in only what earlier ones lack: the config wins over text-derived guesses. */
export function mergeValues(...layers: (FixValues | undefined)[]): FixValues {
  const out: FixValues = {};
  for (const layer of layers) {
    for (const [k, value] of Object.entries(layer ?? {})) {
      const key = k as keyof FixValues;
      if (value !== undefined && value !== "" && out[key] === undefined)
        (out as Record<string, unknown>)[key] = value;
    }
  }
  if (!out.accountA) out.accountA = accountOf(out.lambdaRoleArn);
  if (!out.accountB) out.accountB = accountOf(out.targetRoleArn);
  return out;
}

export function accountOf(arn: string | undefined): string | undefined {
  const account = arn?.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

export function nameOf(arn: string | undefined): string | undefined {
  return arn?.split("/").pop() || undefined;
}

export function bucketOf(s3Uri: string | undefined): string | undefined {
  return s3Uri ? /^s3:\/\/([^/]+)/.exec(s3Uri)?.[1] : undefined;
}

/** A value, or `<name>` when it is not known. */
export function ph(value: string | number | undefined, name: string): string {
  return value === undefined || value === "" ? `<${name}>` : String(value);
}

/** The values every fix needs, each already rendered (placeholders where unknown). */
export function rendered(v: FixValues) {
  const A = ph(v.accountA, "A account id");
  const B = ph(v.accountB, "B account id");
  const region = ph(v.region, "region");
  const cluster = ph(v.clusterId, "cluster");
  const bucket = ph(bucketOf(v.copySource), "bucket");
  return {
    A,
    B,
    region,
    cluster,
    db: ph(v.database, "db"),
    dbUser: ph(v.dbUser, "dbuser"),
    fn: ph(v.functionName, "function name"),
    execRoleArn: v.lambdaRoleArn ?? `arn:aws:iam::${A}:role/<ExecRole>`,
    execRoleName: ph(nameOf(v.lambdaRoleArn), "ExecRole"),
    bRoleArn: v.targetRoleArn ?? `arn:aws:iam::${B}:role/<Role>`,
    bRoleName: ph(nameOf(v.targetRoleArn), "Role"),
    copyRoleArn: v.copyRoleArn ?? `arn:aws:iam::${B}:role/<CopyRole>`,
    copyRoleName: ph(nameOf(v.copyRoleArn), "CopyRole"),
    bucket,
    copySource: v.copySource ?? `s3://${bucket}/<prefix>`,
    workgroup: ph(v.workgroupName, "workgroup"),
    dbUserArn: `arn:aws:redshift:${region}:${B}:dbuser:${cluster}/${ph(v.dbUser, "dbuser")}`,
    dbNameArn: `arn:aws:redshift:${region}:${B}:dbname:${cluster}/${ph(v.database, "db")}`,
    clusterArn: `arn:aws:redshift:${region}:${B}:cluster:${cluster}`,
  };
}

/** A policy document with the given statements, pretty-printed for pasting. */
export function policyJson(...statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
}

/** Shell-quoted single-line JSON for `--policy-document '…'`. */
export function inlineJson(value: object): string {
  return `'${JSON.stringify(value).replace(/'/g, "'\\''")}'`;
}
