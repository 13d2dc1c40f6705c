/**
 * The storage side of a snapshot, read-only: KMS keys with their key policies and aliases, and the
 * COPY source bucket — region, policy, default encryption, the keys and sizes under the prefix and,
 * with `withData`, the first bytes of each object (whole lines), else a synthesized body.
 *
 * Known gaps: objects beyond the first 1,000 keys under the prefix are left out; an AWS managed KMS
 * key (`aws/s3`, `aws/secretsmanager`) is not declared in the twin: the object or secret then uses
 * the twin's default encryption.
 */
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, ListAliasesCommand } from "@aws-sdk/client-kms";
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import { attempt } from "./twin-gaps.ts";
import { accountOfArn, noReaderWhy, readerFor, type TwinReaders } from "./twin-readers.ts";

type Obj = Record<string, unknown>;

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
    const keyId = /key\/([0-9a-f-]{36})$/.exec(resource)?.[1];
    if (described.missing || !keyId || !/AccessDenied/.test(described.why)) {
      if (!described.missing) gap("kms:DescribeKey", described.why, "the twin has no such key");
      return undefined;
    }
    // The key exists (an object or secret names it) and its own policy refuses the reader: the
    // twin's key policy lets the account describe the key and nothing more (an inference, listed).
    gap(
      "kms:DescribeKey, kms:GetKeyPolicy",
      described.why,
      "inferred from the refusal: a key policy that lets the account only describe the key (no kms:Decrypt, no kms:GetKeyPolicy for anyone)",
    );
    return {
      account,
      region,
      id: keyId,
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TwinInferredUnreadable",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: "kms:DescribeKey",
            Resource: "*",
          },
        ],
      },
    };
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
  // The bucket exists (S3 refused, it did not say NoSuchBucket) and refuses even its readers: its
  // policy denies them, so the twin's denies every S3 action to everyone (an inference, listed).
  r.gaps.add({
    what: `bucket ${bucket}`,
    permission: { action: "s3:GetBucketLocation, s3:GetBucketPolicy, s3:ListBucket", resource: bucketArn },
    why: "S3 refused the tester in A and the reader in B (AccessDenied)",
    assumed: `inferred from the refusals: a bucket in ${r.region}, owned by A, whose policy denies every S3 action to everyone, with no objects`,
  });
  return {
    entry: {
      account: r.accountA,
      region: r.region,
      name: bucket,
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TwinInferredDenyAll",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [bucketArn, `${bucketArn}/*`],
          },
        ],
      },
      objects: [],
    },
    kmsKeys: [],
  };
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
