/**
 * GetSecretValue, and `readSecretValue`, the same read for callers inside the emulator (the Data
 * API's SecretArn mode). Order as AWS: authorize `secretsmanager:GetSecretValue` (identity + the
 * secret's resource policy, tags) → find the secret → pick the version → kms:Decrypt as the caller.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 *
 * Known gaps: no deleted-secret state, no LastAccessedDate rounding to the day beyond what is set here.
 */
import type { Caller, Check } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeSecretAction } from "./authorize-secret.ts";
import { kmsDecryptOutcome } from "./kms-decrypt-access.ts";
import { resolveSecretId } from "./resolve-secret-id.ts";
import { currentVersion, type SecretVersion, type StoredSecret } from "./secret-store.ts";
import {
  decryptionFailure,
  invalidRequest,
  kmsNotAllowed,
  missingMember,
  secretNotFound,
  versionNotFound,
} from "./secrets-manager-errors.ts";
import { epochSeconds } from "./wire-time.ts";

export interface ReadSecretRequest {
  secretId: string;
  versionId?: string;
  versionStage?: string;
}

export interface SecretValueRead {
  secret: StoredSecret;
  version: SecretVersion;
}

export function readSecretValue(
  world: World,
  check: Check,
  caller: Caller,
  region: string,
  request: ReadSecretRequest,
  requestId?: string,
): SecretValueRead {
  const store = world.secrets;
  const resolved = resolveSecretId(store, request.secretId, caller.account, region);
  const stageContext: Record<string, string> = {};
  if (request.versionId) stageContext["secretsmanager:VersionId"] = request.versionId;
  stageContext["secretsmanager:VersionStage"] = request.versionStage ?? "AWSCURRENT";
  authorizeSecretAction(
    check,
    caller,
    "secretsmanager:GetSecretValue",
    resolved,
    request.secretId,
    stageContext,
  );
  const secret = resolved.secret;
  if (!secret) throw secretNotFound();
  const version = pickVersion(secret, request);
  const kms = kmsDecryptOutcome(world, caller, secret, version, requestId);
  if (kms === "kms-denied") throw kmsNotAllowed();
  if (kms === "unusable") throw decryptionFailure();
  secret.lastAccessedDate = startOfDay(store.clock());
  return { secret, version };
}

function pickVersion(secret: StoredSecret, request: ReadSecretRequest): SecretVersion {
  if (request.versionId) {
    const v = secret.versions.find((x) => x.versionId === request.versionId);
    if (!v) throw versionNotFound("VersionId", request.versionId);
    if (request.versionStage && !v.stages.includes(request.versionStage)) {
      throw invalidRequest("You provided a VersionStage that is not associated to the provided VersionId.");
    }
    return v;
  }
  const stage = request.versionStage ?? "AWSCURRENT";
  const v =
    stage === "AWSCURRENT" ? currentVersion(secret) : secret.versions.find((x) => x.stages.includes(stage));
  if (!v) throw versionNotFound("staging label", stage);
  return v;
}

// AWS keeps LastAccessedDate to the day.
function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function getSecretValueOperation(world: World) {
  return (ctx: {
    caller: Caller;
    region: string;
    input: Record<string, unknown>;
    check: Check;
    requestId: string;
  }) => {
    const secretId = ctx.input.SecretId;
    if (typeof secretId !== "string") throw missingMember("secretId");
    const { secret, version } = readSecretValue(
      world,
      ctx.check,
      ctx.caller,
      ctx.region,
      {
        secretId,
        versionId: typeof ctx.input.VersionId === "string" ? ctx.input.VersionId : undefined,
        versionStage: typeof ctx.input.VersionStage === "string" ? ctx.input.VersionStage : undefined,
      },
      ctx.requestId,
    );
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      SecretString: version.secretString,
      SecretBinary: version.secretBinary,
      VersionStages: [...version.stages],
      CreatedDate: epochSeconds(version.createdDate),
    };
  };
}
