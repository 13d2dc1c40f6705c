/**
 * KMS keys of the world, per account and region (the world's `kms` slot): customer managed keys seeded from
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

/** The keys of one (account, region): the world's `kms` slot, seeded by `seedKmsKeys` on first use. */
export class KmsKeys {
  private readonly keys = new Map<string, KmsKey>();
  /** Backing AES keys of ciphertext blobs (ciphertext-blob.ts), by key ARN; made on first use. */
  private readonly materials = new Map<string, Buffer>();

  constructor(
    private readonly account: string,
    private readonly region: string,
  ) {}

  materialFor(keyArn: string): Buffer {
    let material = this.materials.get(keyArn);
    if (!material) {
      material = randomBytes(32);
      this.materials.set(keyArn, material);
    }
    return material;
  }

  put(key: KmsKey): void {
    this.keys.set(key.keyId, key);
  }

  /** Every key, in creation order (ListKeys). */
  all(): KmsKey[] {
    return [...this.keys.values()];
  }

  byId(keyId: string): KmsKey | undefined {
    return this.keys.get(keyId);
  }

  byAlias(alias: string): KmsKey | undefined {
    return this.all().find((k) => k.aliases.includes(alias));
  }

  /** The AWS managed key `alias/aws/<service>`, created on first use. */
  awsManaged(service: "s3"): KmsKey {
    const { account, region } = this;
    const alias = `alias/aws/${service}`;
    const existing = this.byAlias(alias);
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

/** The setup's customer managed keys in (account, region). */
export function seedKmsKeys(world: World, account: string, region: string): KmsKeys {
  const keys = new KmsKeys(account, region);
  for (const k of world.setup.kmsKeys) {
    if (k.account !== account || k.region !== region) continue;
    keys.put({
      keyId: k.id,
      arn: keyArnOf(account, region, k.id),
      account,
      region,
      aliases: [...k.aliases],
      description: k.description ?? "",
      enabled: k.enabled,
      policy: k.policy ?? defaultKeyPolicy(account),
      keyManager: "CUSTOMER",
      creationDate: world.clock(),
    });
  }
  return keys;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/** The key or alias ARN's own (account, region) slot and the rest of the ARN, or undefined. */
function slotOfArn(world: World, arn: string) {
  const m = KEY_ARN.exec(arn);
  if (!m) return undefined;
  const [, region, account, kind, rest] = m;
  return { keys: world.kms.get(account!, region!), kind: kind as "key" | "alias", rest: rest! };
}

/** The key an exact key ARN names, in the account and region of the ARN. */
export function keyByArn(world: World, arn: string): KmsKey | undefined {
  const at = slotOfArn(world, arn);
  return at?.kind === "key" ? at.keys.byId(at.rest) : undefined;
}

/** The key material of a key ARN's ciphertext blobs (ciphertext-blob.ts). */
export function keyMaterial(world: World, keyArn: string): Buffer {
  const at = slotOfArn(world, keyArn);
  if (!at) throw new Error(`not a KMS key ARN: ${keyArn}`);
  return at.keys.materialFor(keyArn);
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
  const ref = keyIdOrArnOrAlias.trim();
  const at = slotOfArn(world, ref);
  if (at) return at.kind === "key" ? at.keys.byId(at.rest) : resolveAlias(at.keys, `alias/${at.rest}`);
  const keys = world.kms.get(account, region);
  if (ref.startsWith("alias/")) return resolveAlias(keys, ref);
  return keys.byId(ref);
}

function resolveAlias(keys: KmsKeys, alias: string) {
  if (alias === "alias/aws/s3") return keys.awsManaged("s3");
  return keys.byAlias(alias);
}
