/**
 * The compute and database services of a snapshot, read-only: the Lambda function's
 * configuration, the cluster (or workgroup and namespace) with its associated and default roles,
 * and the secret's metadata and key names (its values never leave this module). Storage (the bucket,
 * its objects, KMS keys) is helpers/twin/read-storage.ts.
 *
 * Known gaps: serverless tags are not read (the emulator does not implement ListTagsForResource).
 */
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DescribeClustersCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  RedshiftServerlessClient,
} from "@aws-sdk/client-redshift-serverless";
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { attempt } from "./twin-gaps.ts";
import { accountOfArn, noReaderWhy, readerFor, type TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

export async function readFunction(r: TwinReaders, functionName: string): Promise<Obj | undefined> {
  const name = functionName.split(":function:").pop()?.split(":")[0] ?? functionName;
  const resource = `arn:aws:lambda:${r.region}:${r.accountA}:function:${name}`;
  const got = await attempt(() =>
    new LambdaClient(r.tester).send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
  );
  if (!got.ok) {
    if (!got.missing)
      r.gaps.add({
        what: `Lambda function ${name}`,
        permission: { action: "lambda:GetFunctionConfiguration", resource },
        why: got.why,
        assumed: "the twin has no such function",
      });
    return undefined;
  }
  const f = got.value;
  r.assumptions.push(
    `the twin's function ${name} runs chaincheck's probe, not your code; its environment variables are not copied`,
  );
  return {
    account: r.accountA,
    region: r.region,
    name,
    role: f.Role,
    ...(f.Runtime ? { runtime: f.Runtime } : {}),
    ...(f.Handler ? { handler: f.Handler } : {}),
    ...(f.Timeout ? { timeout: f.Timeout } : {}),
    ...(f.MemorySize ? { memorySize: f.MemorySize } : {}),
    ...(f.VpcConfig?.SubnetIds?.length
      ? { vpc: { subnetIds: f.VpcConfig.SubnetIds, securityGroupIds: f.VpcConfig.SecurityGroupIds ?? [] } }
      : {}),
    code: { probe: true },
  };
}

export interface ClusterRead {
  entry: Obj;
  masterUsername: string;
}

const tagsOf = (tags: { Key?: string; Value?: string }[] | undefined): Obj =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ""]] : [])));

/** The chain's cluster; when it does not exist, the clusters the region does have (a typo'd id). */
export async function readClusters(r: TwinReaders, clusterId: string): Promise<ClusterRead[]> {
  const reader = r.readerB;
  const resource = `arn:aws:redshift:${r.region}:${r.accountB}:cluster:${clusterId}`;
  if (!reader) {
    r.gaps.add({
      what: `cluster ${clusterId}`,
      permission: { action: "redshift:DescribeClusters", resource },
      why: noReaderWhy(r, r.accountB),
      assumed: "the twin has no cluster",
    });
    return [];
  }
  const redshift = new RedshiftClient(reader);
  let got = await attempt(() => redshift.send(new DescribeClustersCommand({ ClusterIdentifier: clusterId })));
  if (!got.ok && got.missing) got = await attempt(() => redshift.send(new DescribeClustersCommand({})));
  if (!got.ok) {
    if (!got.missing)
      r.gaps.add({
        what: `cluster ${clusterId}`,
        permission: { action: "redshift:DescribeClusters", resource },
        why: got.why,
        assumed: "the twin has no cluster",
      });
    return [];
  }
  return (got.value.Clusters ?? []).flatMap((c) => {
    if (!c.ClusterIdentifier) return [];
    const entry: Obj = {
      account: r.accountB,
      region: r.region,
      id: c.ClusterIdentifier,
      masterUsername: c.MasterUsername ?? "awsuser",
      ...(c.NodeType ? { nodeType: c.NodeType } : {}),
      ...(c.NumberOfNodes ? { numberOfNodes: c.NumberOfNodes } : {}),
      ...(c.Endpoint?.Port ? { port: c.Endpoint.Port } : {}),
      ...(c.Encrypted !== undefined ? { encrypted: c.Encrypted } : {}),
      ...(c.EnhancedVpcRouting !== undefined ? { enhancedVpcRouting: c.EnhancedVpcRouting } : {}),
      ...(c.PubliclyAccessible !== undefined ? { publiclyAccessible: c.PubliclyAccessible } : {}),
      iamRoles: (c.IamRoles ?? []).flatMap((role) => (role.IamRoleArn ? [role.IamRoleArn] : [])),
      ...(c.DefaultIamRoleArn ? { defaultIamRole: c.DefaultIamRoleArn } : {}),
      ...(c.KmsKeyId ? { kmsKeyId: c.KmsKeyId } : {}),
      tags: tagsOf(c.Tags),
    };
    return [{ entry, masterUsername: c.MasterUsername ?? "awsuser" }];
  });
}

/** `IamRole(applyStatus=in-sync, iamRoleArn=arn:…)` (the API's form) or a bare ARN. */
const namespaceRoleArn = (s: string) => /iamRoleArn=([^,)\s]+)/.exec(s)?.[1] ?? s;

export async function readWorkgroup(
  r: TwinReaders,
  workgroupName: string,
): Promise<{ workgroup: Obj; namespace?: Obj } | undefined> {
  const resource = `arn:aws:redshift-serverless:${r.region}:${r.accountB}:workgroup/*`;
  const reader = r.readerB;
  if (!reader) {
    r.gaps.add({
      what: `workgroup ${workgroupName}`,
      permission: { action: "redshift-serverless:GetWorkgroup, redshift-serverless:GetNamespace", resource },
      why: noReaderWhy(r, r.accountB),
      assumed: "the twin has no workgroup",
    });
    return undefined;
  }
  const client = new RedshiftServerlessClient(reader);
  const got = await attempt(() => client.send(new GetWorkgroupCommand({ workgroupName })));
  if (!got.ok) {
    if (!got.missing)
      r.gaps.add({
        what: `workgroup ${workgroupName}`,
        permission: { action: "redshift-serverless:GetWorkgroup", resource },
        why: got.why,
        assumed: "the twin has no workgroup",
      });
    return undefined;
  }
  const w = got.value.workgroup;
  const namespaceName = w?.namespaceName ?? "";
  const workgroup: Obj = {
    account: r.accountB,
    region: r.region,
    name: workgroupName,
    namespace: namespaceName,
    ...(w?.baseCapacity ? { baseCapacity: w.baseCapacity } : {}),
    ...(w?.enhancedVpcRouting !== undefined ? { enhancedVpcRouting: w.enhancedVpcRouting } : {}),
  };
  r.gaps.add({
    what: `tags of workgroup ${workgroupName}`,
    permission: { action: "redshift-serverless:ListTagsForResource", resource: w?.workgroupArn ?? resource },
    why: "not read by this snapshot",
    assumed: "the workgroup has no tags",
  });
  const ns = await attempt(() => client.send(new GetNamespaceCommand({ namespaceName })));
  if (!ns.ok) {
    r.gaps.add({
      what: `namespace ${namespaceName}`,
      permission: { action: "redshift-serverless:GetNamespace", resource },
      why: ns.missing ? "ResourceNotFoundException" : ns.why,
      assumed: "the twin has no namespace",
    });
    return { workgroup };
  }
  const n = ns.value.namespace;
  const namespace: Obj = {
    account: r.accountB,
    region: r.region,
    name: namespaceName,
    ...(n?.dbName ? { dbName: n.dbName } : {}),
    ...(n?.adminUsername ? { adminUsername: n.adminUsername } : {}),
    iamRoles: (n?.iamRoles ?? []).map(namespaceRoleArn),
    ...(n?.defaultIamRoleArn ? { defaultIamRole: n.defaultIamRoleArn } : {}),
    ...(n?.kmsKeyId && n.kmsKeyId !== "AWS_OWNED_KMS_KEY" ? { kmsKeyId: n.kmsKeyId } : {}),
  };
  return { workgroup, namespace };
}

/** Keys whose values are names, not secrets: the twin keeps them (the DB user signs in by them). */
const PLAIN_SECRET_KEYS = new Set([
  "username",
  "engine",
  "host",
  "port",
  "dbname",
  "dbClusterIdentifier",
  "dbInstanceIdentifier",
]);

export interface SecretRead {
  entry: Obj;
  /** The generated password the twin's DB user gets, and that user, when the secret names one. */
  login?: { username: string; password: string };
}

export async function readSecret(
  r: TwinReaders,
  secretArn: string,
  seed: string,
): Promise<SecretRead | undefined> {
  const account = accountOfArn(secretArn);
  const reader = readerFor(r, account);
  const m = /:secret:(.+)-([A-Za-z0-9]{6})$/.exec(secretArn);
  if (!reader) {
    r.gaps.add({
      what: `secret ${secretArn}`,
      permission: {
        action: "secretsmanager:DescribeSecret, secretsmanager:GetResourcePolicy",
        resource: secretArn,
      },
      why: noReaderWhy(r, account),
      assumed: "the twin has no such secret",
    });
    return undefined;
  }
  const sm = new SecretsManagerClient(reader);
  const described = await attempt(() => sm.send(new DescribeSecretCommand({ SecretId: secretArn })));
  if (!described.ok) {
    if (!described.missing)
      r.gaps.add({
        what: `secret ${secretArn}`,
        permission: { action: "secretsmanager:DescribeSecret", resource: secretArn },
        why: described.why,
        assumed: "the twin has no such secret",
      });
    return undefined;
  }
  const d = described.value;
  const suffix = /-([A-Za-z0-9]{6})$/.exec(d.ARN ?? "")?.[1] ?? m?.[2];
  const entry: Obj = {
    account,
    region: secretArn.split(":")[3] ?? r.region,
    name: d.Name ?? m?.[1] ?? "secret",
    ...(suffix ? { arnSuffix: suffix } : {}),
    ...(d.Description ? { description: d.Description } : {}),
    ...(d.KmsKeyId ? { kmsKeyId: d.KmsKeyId } : {}),
    tags: tagsOf(d.Tags),
  };
  const policy = await attempt(() => sm.send(new GetResourcePolicyCommand({ SecretId: secretArn })));
  if (policy.ok && policy.value.ResourcePolicy) entry.policy = JSON.parse(policy.value.ResourcePolicy);
  else if (!policy.ok && !policy.missing)
    r.gaps.add({
      what: `resource policy of secret ${secretArn}`,
      permission: { action: "secretsmanager:GetResourcePolicy", resource: secretArn },
      why: policy.why,
      assumed: "the secret has no resource policy",
    });
  // The value is read only for its key names (and the names among them); every other value is
  // generated, so nothing secret reaches the twin, a report or a log.
  const value = await attempt(() => sm.send(new GetSecretValueCommand({ SecretId: secretArn })));
  let keys: Obj = { username: "app_user", password: "" };
  if (value.ok) {
    try {
      const parsed = JSON.parse(value.value.SecretString ?? "{}") as unknown;
      keys = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Obj) : {};
    } catch {
      keys = {};
    }
  } else
    r.gaps.add({
      what: `key names of secret ${secretArn}`,
      permission: {
        action: "secretsmanager:GetSecretValue (and kms:Decrypt on its key)",
        resource: secretArn,
      },
      why: value.missing ? "ResourceNotFoundException" : value.why,
      assumed: "the secret holds the keys username (app_user) and password",
    });
  const generated = `twin-${seed}-secret-value`;
  const secretJson: Obj = {};
  for (const [k, v] of Object.entries(keys))
    secretJson[k] =
      PLAIN_SECRET_KEYS.has(k) && (typeof v === "string" || typeof v === "number") ? v : generated;
  entry.secretJson = secretJson;
  r.assumptions.push(
    `secret ${entry.name}: the twin holds the same keys (${Object.keys(secretJson).join(", ") || "none"}) with generated values for all but names (username, host, …)`,
  );
  const username = typeof secretJson.username === "string" ? secretJson.username : undefined;
  const password = typeof secretJson.password === "string" ? secretJson.password : undefined;
  return { entry, ...(username && password ? { login: { username, password } } : {}) };
}
