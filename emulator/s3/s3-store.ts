/**
 * S3 state of the world: buckets in one global name space (a name is taken across all accounts
 * and regions), each owned by an account and living in one region, holding objects in memory.
 * Seeded from `setup.s3Buckets`; the S3 service and `readObjectsAs` (COPY) share this state.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingBucket.html
 *
 * Known gaps: no versioning, multipart uploads, ACL documents, tags on objects, storage classes
 * other than STANDARD.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { findKey } from "../kms/kms-key-store.ts";
import type { World } from "../world/world.ts";
import { computeChecksum } from "./checksums.ts";

export type ObjectOwnership = "BucketOwnerEnforced" | "BucketOwnerPreferred" | "ObjectWriter";
export type Sse = "AES256" | "aws:kms";

export interface S3Object {
  key: string;
  body: Buffer;
  /** Quoted MD5 hex, as S3 answers for single-part uploads. */
  etag: string;
  lastModified: Date;
  contentType: string;
  sse: Sse;
  /** Key ARN for SSE-KMS objects. */
  kmsKeyArn?: string;
  /** Base64 checksums stored with the object (algorithm name upper case: CRC32, CRC32C, SHA1, SHA256, CRC64NVME). */
  checksums: Record<string, string>;
  metadata: Record<string, string>;
  /** System metadata sent with PutObject (cache-control, content-disposition, content-encoding, content-language, expires). */
  systemHeaders?: Record<string, string>;
  /** Account that owns the object (the bucket owner unless ObjectWriter ownership applies). */
  owner: string;
}

export interface S3Bucket {
  name: string;
  account: string;
  region: string;
  /** Created with LocationConstraint `EU`, the old alias of eu-west-1: GetBucketLocation says `EU`. */
  euAlias?: boolean;
  creationDate: Date;
  /** Bucket policy JSON text. */
  policy?: string;
  ownership: ObjectOwnership;
  /** Default encryption; AWS applies SSE-S3 to every new object since January 2023. */
  encryption: { sse: Sse; kmsKeyArn?: string };
  objects: Map<string, S3Object>;
}

export function md5Etag(body: Buffer): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

export class S3Store {
  readonly buckets = new Map<string, S3Bucket>();

  get(name: string): S3Bucket | undefined {
    return this.buckets.get(name);
  }

  add(bucket: S3Bucket): void {
    this.buckets.set(bucket.name, bucket);
  }
}

/** Resolve an SSE-KMS key reference in the bucket's account and region to a key ARN. */
export function kmsKeyArnFor(world: World, account: string, region: string, ref: string | undefined): string {
  if (!ref) return world.kms.get(account, region).awsManaged("s3").arn;
  return findKey(world, account, region, ref)?.arn ?? ref;
}

/** The setup's buckets and objects, as the world's `s3` slot starts. */
export function seedS3Store(world: World): S3Store {
  const store = new S3Store();
  const now = world.clock();
  for (const b of world.setup.s3Buckets) {
    const encryption =
      b.encryption?.sse === "aws:kms"
        ? {
            sse: "aws:kms" as const,
            kmsKeyArn: kmsKeyArnFor(world, b.account, b.region, b.encryption.kmsKeyId),
          }
        : { sse: "AES256" as const };
    const bucket: S3Bucket = {
      name: b.name,
      account: b.account,
      region: b.region,
      creationDate: now,
      policy:
        b.policy === undefined
          ? undefined
          : typeof b.policy === "string"
            ? b.policy
            : JSON.stringify(b.policy),
      ownership: "BucketOwnerEnforced",
      encryption,
      objects: new Map(),
    };
    for (const o of b.objects) {
      // Fixture paths resolve against the setup's baseDir (the top-level setup file's directory, or
      // the loadSetup baseDir option for inline setups), unless absolute.
      const body =
        o.body !== undefined
          ? Buffer.from(o.body, "utf8")
          : readFileSync(isAbsolute(o.file!) ? o.file! : resolve(world.setup.baseDir, o.file!));
      const sse = o.sse ?? encryption.sse;
      bucket.objects.set(o.key, {
        key: o.key,
        body,
        etag: md5Etag(body),
        lastModified: now,
        contentType: o.contentType ?? "binary/octet-stream",
        sse,
        kmsKeyArn:
          sse === "aws:kms"
            ? o.kmsKeyId
              ? kmsKeyArnFor(world, b.account, b.region, o.kmsKeyId)
              : (encryption.kmsKeyArn ?? kmsKeyArnFor(world, b.account, b.region, undefined))
            : undefined,
        // S3 stores a CRC64NVME checksum for every new object (default integrity protection).
        checksums: { CRC64NVME: computeChecksum("CRC64NVME", body) },
        metadata: {},
        owner: b.account,
      });
    }
    store.add(bucket);
  }
  return store;
}

/** S3 lists keys in UTF-8 binary order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function sortedKeys(bucket: S3Bucket): string[] {
  return [...bucket.objects.keys()].sort(compareKeys);
}
