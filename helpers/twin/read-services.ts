/**
 * The regional services of a snapshot, read-only: the Lambda function's configuration, the
 * cluster (or workgroup and namespace) with its associated and default roles, the secret's metadata
 * and key names (its values never leave this module), KMS keys with their key policies, and the
 * COPY source bucket: region, policy, default encryption, the keys and sizes under the prefix and,
 * with `withData`, the first bytes of each object.
 *
 * Known gaps: serverless tags are not read (the emulator does not implement ListTagsForResource);
 * objects beyond the first 1,000 keys under the prefix are left out; an AWS managed KMS key
 * (`aws/s3`, `aws/secretsmanager`) is not declared in the twin: the object or secret then uses the
 * twin's default encryption.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, ListAliasesCommand } from "@aws-sdk/client-kms";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DescribeClustersCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import {
  GetNamespaceCommand,
  GetWorkgroupCommand,
  RedshiftServerlessClient,
} from "@aws-sdk/client-redshift-serverless";
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
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

export async function readKmsKey(r: TwinReaders, keyRef: string): Promise<Obj | undefined> {
  const account = accountOfArn(keyRef) || r.accountA;
  const reader = readerFor(r, account);
  const resource = keyRef.startsWith("arn:") ? keyRef : `arn:aws:kms:${r.region}:${account}:key/${keyRef}`;
  const gap = (action: string, why: string, assumed: string) =>
    r.gaps.add({ what: `KMS key ${keyRef}`, permission: { action, resource }, why, assumed });
  if (!reader) {
    gap("kms:DescribeKey, kms:GetKeyPolicy", noReaderWhy(r, account), "the twin has no such key");
    return undefined;
  }
  const region = resource.split(":")[3] || r.region;
  const kms = new KMSClient({ ...reader, region });
  const described = await attempt(() => kms.send(new DescribeKeyCommand({ KeyId: keyRef })));
  if (!described.ok) {
    if (!described.missing) gap("kms:DescribeKey", described.why, "the twin has no such key");
    return undefined;
  }
  const meta = described.value.KeyMetadata;
  if (!meta?.KeyId || meta.KeyManager === "AWS") return undefined;
  const entry: Obj = {
    account,
    region,
    id: meta.KeyId,
    ...(meta.Description ? { description: meta.Description } : {}),
    enabled: meta.Enabled !== false,
  };
  const policy = await attempt(() =>
    kms.send(new GetKeyPolicyCommand({ KeyId: meta.KeyId, PolicyName: "default" })),
  );
  if (policy.ok && policy.value.Policy) entry.policy = JSON.parse(policy.value.Policy);
  else if (!policy.ok)
    gap(
      "kms:GetKeyPolicy",
      policy.missing ? "NotFoundException" : policy.why,
      "AWS's default key policy (the account may use the key through IAM)",
    );
  const aliases = await attempt(() => kms.send(new ListAliasesCommand({ KeyId: meta.KeyId })));
  if (aliases.ok)
    entry.aliases = (aliases.value.Aliases ?? []).flatMap((a) => (a.AliasName ? [a.AliasName] : []));
  return entry;
}

export interface BucketRead {
  entry: Obj;
  /** KMS keys the bucket's default encryption and objects name. */
  kmsKeys: string[];
}

function s3Client(reader: ReaderSettings, region: string): S3Client {
  return new S3Client({ ...reader, region, followRegionRedirects: true });
}

const locationRegion = (c: string | undefined) => (!c ? "us-east-1" : c === "EU" ? "eu-west-1" : c);

export async function readBucket(
  r: TwinReaders,
  copySource: string,
  withData: number,
  synthesizeBody: () => Promise<string>,
): Promise<BucketRead | undefined> {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(copySource);
  if (!m) return undefined;
  const [, bucket, prefix] = m;
  const bucketArn = `arn:aws:s3:::${bucket}`;
  // The bucket's owner reads its policy; A first (the chain's usual layout), then B.
  for (const [account, reader] of [
    [r.accountA, r.tester],
    [r.accountB, r.readerB],
  ] as const) {
    if (!reader) continue;
    const s3 = s3Client(reader, r.region);
    const location = await attempt(() => s3.send(new GetBucketLocationCommand({ Bucket: bucket })));
    if (!location.ok && location.missing) return undefined;
    if (!location.ok) continue;
    const region = locationRegion(location.value.LocationConstraint);
    const regional = s3Client(reader, region);
    const policy = await attempt(() => regional.send(new GetBucketPolicyCommand({ Bucket: bucket })));
    if (!policy.ok && !policy.missing && account === r.accountA && r.readerB) continue;
    const entry: Obj = { account, region, name: bucket, objects: [] as Obj[] };
    const kmsKeys: string[] = [];
    if (policy.ok && policy.value.Policy) entry.policy = JSON.parse(policy.value.Policy);
    else if (!policy.ok && !policy.missing)
      r.gaps.add({
        what: `bucket policy of ${bucket}`,
        permission: { action: "s3:GetBucketPolicy", resource: bucketArn },
        why: policy.why,
        assumed: "the bucket has no policy",
      });
    const encryption = await attempt(() => regional.send(new GetBucketEncryptionCommand({ Bucket: bucket })));
    if (encryption.ok) {
      const rule =
        encryption.value.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
      if (rule?.SSEAlgorithm === "aws:kms" && rule.KMSMasterKeyID) {
        entry.encryption = { sse: "aws:kms", kmsKeyId: rule.KMSMasterKeyID };
        kmsKeys.push(rule.KMSMasterKeyID);
      } else if (rule?.SSEAlgorithm === "aws:kms") entry.encryption = { sse: "aws:kms" };
    } else if (!encryption.missing)
      r.gaps.add({
        what: `default encryption of bucket ${bucket}`,
        permission: { action: "s3:GetEncryptionConfiguration", resource: bucketArn },
        why: encryption.why,
        assumed: "S3's default encryption (SSE-S3, AES256)",
      });
    const listed = await attempt(() =>
      regional.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000 })),
    );
    if (!listed.ok) {
      r.gaps.add({
        what: `objects under ${copySource}`,
        permission: { action: "s3:ListBucket", resource: bucketArn },
        why: listed.missing ? "NoSuchBucket" : listed.why,
        assumed: "the prefix holds no objects",
      });
      return { entry, kmsKeys };
    }
    const objects = entry.objects as Obj[];
    for (const o of listed.value.Contents ?? []) {
      if (!o.Key) continue;
      const object = await readObject(r, regional, bucket, o.Key, o.Size ?? 0, withData, synthesizeBody);
      if (typeof object.kmsKeyId === "string") kmsKeys.push(object.kmsKeyId);
      objects.push(object);
    }
    return { entry, kmsKeys };
  }
  r.gaps.add({
    what: `bucket ${bucket}`,
    permission: { action: "s3:GetBucketLocation, s3:GetBucketPolicy, s3:ListBucket", resource: bucketArn },
    why: "neither the tester in A nor the reader in B could read it",
    assumed: "the twin has no such bucket",
  });
  return undefined;
}

async function readObject(
  r: TwinReaders,
  s3: S3Client,
  bucket: string,
  key: string,
  size: number,
  withData: number,
  synthesizeBody: () => Promise<string>,
): Promise<Obj> {
  const objectArn = `arn:aws:s3:::${bucket}/${key}`;
  const object: Obj = { key };
  const head = await attempt(() => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
  if (head.ok) {
    if (head.value.ContentType) object.contentType = head.value.ContentType;
    if (head.value.ServerSideEncryption === "aws:kms") {
      object.sse = "aws:kms";
      if (head.value.SSEKMSKeyId) object.kmsKeyId = head.value.SSEKMSKeyId;
    }
  } else
    r.gaps.add({
      what: `object s3://${bucket}/${key} (encryption)`,
      permission: { action: "s3:GetObject", resource: objectArn },
      why: head.missing ? "NotFound" : head.why,
      assumed: "the object is not encrypted with KMS",
    });
  if (withData > 0) {
    const got = await attempt(async () => {
      const out = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${Math.max(0, withData - 1)}` }),
      );
      return (await out.Body?.transformToString("utf8")) ?? "";
    });
    if (got.ok) {
      // A cut line would read as a format error the real object does not have: end at the last newline.
      const cut = size > withData ? got.value.slice(0, got.value.lastIndexOf("\n") + 1) : got.value;
      object.body = cut;
      if (size > withData)
        r.assumptions.push(
          `s3://${bucket}/${key}: the twin holds its first ${cut.length} of ${size} bytes (whole lines)`,
        );
      return object;
    }
    r.gaps.add({
      what: `content of s3://${bucket}/${key}`,
      permission: { action: "s3:GetObject (and kms:Decrypt for SSE-KMS)", resource: objectArn },
      why: got.missing ? "NoSuchKey" : got.why,
      assumed: "a synthesized body (one row in the COPY table's column types)",
    });
  } else
    r.assumptions.push(
      `s3://${bucket}/${key} (${size} bytes): the twin holds a synthesized body (one row in the COPY table's column types); --with-data N copies the first N bytes`,
    );
  object.body = await synthesizeBody();
  return object;
}
