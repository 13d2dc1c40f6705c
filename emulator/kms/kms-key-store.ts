/**
 * KMS keys of the world, per account and region: customer managed keys seeded from
 * `setup.kmsKeys`, and the AWS managed key `aws/s3` that S3 uses for SSE-KMS without a key id
 * (created on first use, as AWS does).
 *
 * Key policies: the setup's policy, else AWS's default key policy, which lets the account root use
 * the key and so delegates to IAM policies in the key's account.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * The AWS managed key's policy allows any principal of its account, through S3 only
 * (`kms:ViaService` + `kms:CallerAccount`), which is why other accounts can never use it.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 *
 * Known gaps: no grants, no multi-Region keys, no key rotation or deletion schedule; key material
 * is not modelled (nothing here encrypts).
 */
import { createHash, randomBytes } from "node:crypto";
import type { World } from "../world/world.ts";

export interface KmsKey {
  keyId: string;
  arn: string;
  account: string;
  region: string;
  /** Alias names, `alias/…`. */
  aliases: string[];
  description: string;
  enabled: boolean;
  /** The key policy document (JSON text or object). */
  policy: string | object;
  keyManager: "CUSTOMER" | "AWS";
  creationDate: Date;
}

export function keyArnOf(account: string, region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export function defaultKeyPolicy(account: string): object {
  return {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

function awsManagedS3KeyPolicy(account: string, region: string): object {
  return {
    Version: "2012-10-17",
    Id: "auto-s3-2",
    Statement: [
      {
        Sid: "Allow access through S3 for all principals in the account that are authorized to use S3",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": account, "kms:ViaService": `s3.${region}.amazonaws.com` },
        },
      },
      {
        Sid: "Allow direct access to key metadata to the account",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ["kms:Describe*", "kms:Get*", "kms:List*"],
        Resource: "*",
      },
    ],
  };
}

/** A UUID derived from a name, so the AWS managed key has the same id on every load. */
function uuidFrom(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class KmsKeyStore {
  private readonly keys = new Map<string, KmsKey>();
  /** Backing AES keys of ciphertext blobs (ciphertext-blob.ts), by key ARN; made on first use. */
  private readonly materials = new Map<string, Buffer>();

  constructor(world: World) {
    for (const k of world.setup.kmsKeys) {
      this.put({
        keyId: k.id,
        arn: keyArnOf(k.account, k.region, k.id),
        account: k.account,
        region: k.region,
        aliases: [...k.aliases],
        description: k.description ?? "",
        enabled: k.enabled,
        policy: k.policy ?? defaultKeyPolicy(k.account),
        keyManager: "CUSTOMER",
        creationDate: world.clock(),
      });
    }
  }

  materialFor(keyArn: string): Buffer {
    let material = this.materials.get(keyArn);
    if (!material) {
      material = randomBytes(32);
      this.materials.set(keyArn, material);
    }
    return material;
  }

  put(key: KmsKey): void {
    this.keys.set(key.arn, key);
  }

  all(): KmsKey[] {
    return [...this.keys.values()];
  }

  byArn(arn: string): KmsKey | undefined {
    return this.keys.get(arn);
  }

  byAlias(account: string, region: string, alias: string): KmsKey | undefined {
    return this.all().find((k) => k.account === account && k.region === region && k.aliases.includes(alias));
  }

  /** The AWS managed key `alias/aws/<service>`, created on first use. */
  awsManaged(account: string, region: string, service: "s3"): KmsKey {
    const alias = `alias/aws/${service}`;
    const existing = this.byAlias(account, region, alias);
    if (existing) return existing;
    const keyId = uuidFrom(`chaincheck:${account}:${region}:${alias}`);
    const key: KmsKey = {
      keyId,
      arn: keyArnOf(account, region, keyId),
      account,
      region,
      aliases: [alias],
      description: `Default key that protects my S3 objects when no other key is defined`,
      enabled: true,
      policy: awsManagedS3KeyPolicy(account, region),
      keyManager: "AWS",
      creationDate: new Date(0),
    };
    this.put(key);
    return key;
  }
}

/**
 * Resolve a key reference as KMS does: a key id or an alias name (`alias/x`) in `account` and
 * `region`, or a key ARN / alias ARN (which name their own account and region).
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 */
export function findKey(
  world: World,
  account: string,
  region: string,
  keyIdOrArnOrAlias: string,
): KmsKey | undefined {
  const store = world.kms;
  const ref = keyIdOrArnOrAlias.trim();
  const arn = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(ref);
  if (arn) {
    const [, r, a, kind, rest] = arn;
    if (kind === "key") return store.byArn(keyArnOf(a!, r!, rest!));
    return resolveAlias(store, a!, r!, `alias/${rest}`);
  }
  if (ref.startsWith("alias/")) return resolveAlias(store, account, region, ref);
  return store.byArn(keyArnOf(account, region, ref));
}

function resolveAlias(store: KmsKeyStore, account: string, region: string, alias: string) {
  if (alias === "alias/aws/s3") return store.awsManaged(account, region, "s3");
  return store.byAlias(account, region, alias);
}
