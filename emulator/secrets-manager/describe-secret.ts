/**
 * DescribeSecret and ListSecrets: the secret's metadata, never its value.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecrets.html
 *
 * ListSecrets is authorized on `*` only: AWS does not filter the list by per-secret permissions.
 * Filters: name, description, tag-key, tag-value, all — prefix match, a leading "!" negates.
 * Known gaps: filters primary-region/owning-service, SortOrder, IncludePlannedDeletion.
 */
import { AwsError } from "../core/errors.ts";
import type { Caller, Check } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeAccountAction, authorizeSecretAction } from "./authorize-secret.ts";
import { resolveSecretId } from "./resolve-secret-id.ts";
import type { StoredSecret } from "./secret-store.ts";
import { invalidParameter, missingMember, secretNotFound } from "./secrets-manager-errors.ts";
import { epochSeconds } from "./wire-time.ts";

interface Ctx {
  caller: Caller;
  region: string;
  input: Record<string, unknown>;
  check: Check;
}

function metadata(secret: StoredSecret) {
  const tags = Object.entries(secret.tags).map(([Key, Value]) => ({ Key, Value }));
  const stages = Object.fromEntries(secret.versions.map((v) => [v.versionId, [...v.stages]]));
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    LastChangedDate: epochSeconds(secret.lastChangedDate),
    LastAccessedDate: secret.lastAccessedDate ? epochSeconds(secret.lastAccessedDate) : undefined,
    Tags: tags.length ? tags : undefined,
    CreatedDate: epochSeconds(secret.createdDate),
    stages,
  };
}

export function describeSecretOperation(world: World) {
  return (ctx: Ctx) => {
    const secretId = ctx.input.SecretId;
    if (typeof secretId !== "string") throw missingMember("secretId");
    const resolved = resolveSecretId(world.secrets, secretId, ctx.caller.account, ctx.region);
    authorizeSecretAction(ctx.check, ctx.caller, "secretsmanager:DescribeSecret", resolved, secretId);
    if (!resolved.secret) throw secretNotFound();
    const { stages, ...rest } = metadata(resolved.secret);
    return { ...rest, VersionIdsToStages: stages };
  };
}

type Filter = { Key?: string; Values?: string[] };

function fieldValues(secret: StoredSecret, key: string): string[] {
  switch (key) {
    case "name":
      return [secret.name];
    case "description":
      return secret.description ? [secret.description] : [];
    case "tag-key":
      return Object.keys(secret.tags);
    case "tag-value":
      return Object.values(secret.tags);
    case "all":
      return [
        secret.name,
        secret.description ?? "",
        ...Object.keys(secret.tags),
        ...Object.values(secret.tags),
      ];
    default:
      throw invalidParameter(`Invalid filter key: ${key}`);
  }
}

function matches(secret: StoredSecret, filters: Filter[]): boolean {
  return filters.every((f) => {
    const values = fieldValues(secret, f.Key ?? "");
    return (f.Values ?? []).some((raw) => {
      const negate = raw.startsWith("!");
      const prefix = negate ? raw.slice(1) : raw;
      const hit = values.some((v) => v.startsWith(prefix));
      return negate ? !hit : hit;
    });
  });
}

export function listSecretsOperation(world: World) {
  return (ctx: Ctx) => {
    authorizeAccountAction(ctx.check, ctx.caller, "secretsmanager:ListSecrets");
    const filters = Array.isArray(ctx.input.Filters) ? (ctx.input.Filters as Filter[]) : [];
    const all = world.secrets
      .list(ctx.caller.account, ctx.region)
      .filter((s) => matches(s, filters))
      .sort((a, b) => a.name.localeCompare(b.name));
    const max = typeof ctx.input.MaxResults === "number" ? ctx.input.MaxResults : 100;
    const start = typeof ctx.input.NextToken === "string" ? Number.parseInt(ctx.input.NextToken, 10) : 0;
    if (!Number.isInteger(start) || start < 0 || start > all.length)
      throw new AwsError("InvalidNextTokenException", "The NextToken value is invalid.");
    const page = all.slice(start, start + max);
    const next = start + max < all.length ? String(start + max) : undefined;
    return {
      SecretList: page.map((s) => {
        const { stages, ...rest } = metadata(s);
        return { ...rest, SecretVersionsToStages: stages };
      }),
      NextToken: next,
    };
  };
}
