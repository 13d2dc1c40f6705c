/**
 * The secrets of one world, keyed by account and region as AWS keeps them, seeded from
 * `world.setup.secrets`. The world's `secrets` slot, so the Secrets Manager service and the
 * Data API's implicit read (readSecretForService) see the same state, including policies written
 * by PutResourcePolicy and values written by PutSecretValue.
 *
 * ARN: arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources
 *
 * Known gaps: no deletion/recovery window, rotation, replication, or SecretBinary in setups.
 */
import type { World } from "../world/world.ts";
import { stableAlnum, stableUuid } from "./stable-ids.ts";

export interface SecretVersion {
  versionId: string;
  secretString?: string;
  secretBinary?: string; // base64, as the wire carries it
  stages: string[];
  createdDate: Date;
}

export interface StoredSecret {
  account: string;
  region: string;
  name: string;
  arn: string;
  description?: string;
  /** As configured (key id, key ARN, alias name or alias ARN); undefined = aws/secretsmanager. */
  kmsKeyId?: string;
  /** Resource policy JSON text. */
  policy?: string;
  tags: Record<string, string>;
  versions: SecretVersion[];
  createdDate: Date;
  lastChangedDate: Date;
  lastAccessedDate?: Date;
}

export const secretArnOf = (region: string, account: string, name: string, suffix: string) =>
  `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;

export class SecretStore {
  private readonly byArnMap = new Map<string, StoredSecret>();

  constructor(private readonly world: World) {
    const now = world.clock();
    for (const s of world.setup.secrets) {
      const suffix = s.arnSuffix ?? stableAlnum(6, world.setup.seed, "secret", s.account, s.region, s.name);
      const value = s.secretString ?? (s.secretJson ? JSON.stringify(s.secretJson) : undefined);
      const secret: StoredSecret = {
        account: s.account,
        region: s.region,
        name: s.name,
        arn: secretArnOf(s.region, s.account, s.name, suffix),
        description: s.description,
        kmsKeyId: s.kmsKeyId,
        policy: s.policy === undefined ? undefined : asText(s.policy),
        tags: { ...s.tags },
        versions: [],
        createdDate: now,
        lastChangedDate: now,
      };
      if (value !== undefined) {
        secret.versions.push({
          versionId: stableUuid(world.setup.seed, "secret-version", secret.arn, "1"),
          secretString: value,
          stages: ["AWSCURRENT"],
          createdDate: now,
        });
      }
      this.byArnMap.set(secret.arn, secret);
    }
  }

  get clock(): () => Date {
    return this.world.clock;
  }

  byArn(arn: string): StoredSecret | undefined {
    return this.byArnMap.get(arn);
  }

  byName(account: string, region: string, name: string): StoredSecret | undefined {
    for (const s of this.byArnMap.values()) {
      if (s.account === account && s.region === region && s.name === name) return s;
    }
    return undefined;
  }

  list(account: string, region: string): StoredSecret[] {
    return [...this.byArnMap.values()].filter((s) => s.account === account && s.region === region);
  }

  add(secret: StoredSecret): void {
    this.byArnMap.set(secret.arn, secret);
  }

  /** A fresh ARN suffix for CreateSecret: reproducible per setup seed and creation order. */
  newSuffix(account: string, region: string, name: string): string {
    return stableAlnum(
      6,
      this.world.setup.seed,
      "created-secret",
      account,
      region,
      name,
      String(this.byArnMap.size),
    );
  }

  newVersionId(secret: StoredSecret): string {
    return stableUuid(
      this.world.setup.seed,
      "secret-version",
      secret.arn,
      String(secret.versions.length + 1),
    );
  }
}

function asText(doc: string | Record<string, unknown>): string {
  return typeof doc === "string" ? doc : JSON.stringify(doc);
}

/** The version a GetSecretValue without VersionId/VersionStage returns. */
export function currentVersion(secret: StoredSecret): SecretVersion | undefined {
  return secret.versions.find((v) => v.stages.includes("AWSCURRENT"));
}
