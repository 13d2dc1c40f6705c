/**
 * DescribeKey, ListKeys and ListAliases.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
 *
 * DescribeKey works across accounts (key ARN or alias ARN) and on disabled keys; on `alias/aws/s3`
 * it creates the AWS managed key when it does not exist yet, as AWS documents. ListKeys and
 * ListAliases are IAM-only (`kms:ListKeys`/`kms:ListAliases` on `*`) and list the caller's own
 * account and region. ListAliases shows `alias/aws/s3` without TargetKeyId until the key exists.
 *
 * Known gaps: only symmetric ENCRYPT_DECRYPT keys (every seeded key is one); no KeyRotationStatus,
 * DeletionDate, MultiRegionConfiguration; of AWS's predefined `alias/aws/*` aliases only
 * `alias/aws/s3` is listed.
 */
import { AwsError } from "../core/errors.ts";
import type { AuthorizeInput } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { validation } from "./kms-errors.ts";
import type { KmsKey } from "./kms-key-store.ts";
import { authorizeKey, type KmsCall, resolveKey, resolveKeyMember } from "./resolve-key.ts";

export interface KmsListCall extends KmsCall {
  /** The pipeline's authorize: throws KMS's AccessDeniedException on a deny. */
  authorize(request: AuthorizeInput): void;
}

export function keyMetadata(key: KmsKey) {
  return {
    AWSAccountId: key.account,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.creationDate,
    Enabled: key.enabled,
    Description: key.description,
    KeyUsage: "ENCRYPT_DECRYPT",
    KeyState: key.enabled ? "Enabled" : "Disabled",
    Origin: "AWS_KMS",
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
    KeySpec: "SYMMETRIC_DEFAULT",
    EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    MultiRegion: false,
  };
}

export function describeKeyOperation(world: World) {
  return (call: KmsCall) => {
    const key = resolveKeyMember(world, call);
    authorizeKey(world, call, key, "kms:DescribeKey");
    return { KeyMetadata: keyMetadata(key) };
  };
}

/** Limit 1–1000 (default 100) and an opaque Marker, as both list operations page. */
function page<T>(items: T[], input: Record<string, unknown>) {
  const limit = input.Limit ?? 100;
  if (typeof limit !== "number" || limit < 1 || limit > 1000) {
    throw validation(
      `Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const start = typeof input.Marker === "string" ? Number.parseInt(input.Marker, 10) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    // The API reference's description; the wire text was not found in public reports [I].
    throw new AwsError(
      "InvalidMarkerException",
      "The request was rejected because the marker that specifies where pagination should next begin is not valid.",
    );
  }
  const next = start + limit < items.length ? String(start + limit) : undefined;
  return { items: items.slice(start, start + limit), truncated: next !== undefined, next };
}

function ownKeys(world: World, call: KmsCall): KmsKey[] {
  return world.kms.get(call.caller.account, call.region).all();
}

export function listKeysOperation(world: World) {
  return (call: KmsListCall) => {
    call.authorize({ action: "kms:ListKeys", resource: "*" });
    const keys = ownKeys(world, call).sort((a, b) => a.keyId.localeCompare(b.keyId));
    const { items, truncated, next } = page(keys, call.input);
    return {
      Keys: items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
      Truncated: truncated,
      NextMarker: next,
    };
  };
}

export function listAliasesOperation(world: World) {
  return (call: KmsListCall) => {
    call.authorize({ action: "kms:ListAliases", resource: "*" });
    const prefix = `arn:aws:kms:${call.region}:${call.caller.account}:`;
    let aliases = ownKeys(world, call).flatMap((k) =>
      k.aliases.map((name) => ({
        AliasName: name,
        AliasArn: `${prefix}${name}`,
        TargetKeyId: k.keyId as string | undefined,
        CreationDate: k.creationDate as Date | undefined,
        LastUpdatedDate: k.creationDate as Date | undefined,
      })),
    );
    if (!aliases.some((a) => a.AliasName === "alias/aws/s3")) {
      aliases.push({
        AliasName: "alias/aws/s3",
        AliasArn: `${prefix}alias/aws/s3`,
        TargetKeyId: undefined,
        CreationDate: undefined,
        LastUpdatedDate: undefined,
      });
    }
    if (typeof call.input.KeyId === "string") {
      const key = resolveKey(world, call, call.input.KeyId);
      aliases = aliases.filter((a) => a.TargetKeyId === key.keyId);
    }
    aliases.sort((a, b) => a.AliasName.localeCompare(b.AliasName));
    const { items, truncated, next } = page(aliases, call.input);
    return { Aliases: items, Truncated: truncated, NextMarker: next };
  };
}
