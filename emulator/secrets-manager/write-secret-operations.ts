/**
 * CreateSecret and PutSecretValue, enough for a test to stage a secret at runtime.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
 *
 * A new value becomes AWSCURRENT; the previous current version becomes AWSPREVIOUS (unless
 * VersionStages says otherwise). CreateSecret is authorized on the ARN it will have, with
 * `aws:RequestTag/<key>` and `aws:TagKeys` from Tags.
 * Known gaps: ClientRequestToken idempotency, AddReplicaRegions, kms:GenerateDataKey on a customer
 * key at create time, the ResourceExistsException text is inferred [I].
 */
import { AwsError } from "../core/errors.ts";
import type { Caller, Check } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeSecretAction } from "./authorize-secret.ts";
import { resolveSecretId } from "./resolve-secret-id.ts";
import { type StoredSecret, secretArnOf } from "./secret-store.ts";
import { invalidParameter, invalidRequest, missingMember, secretNotFound } from "./secrets-manager-errors.ts";

interface Ctx {
  caller: Caller;
  region: string;
  input: Record<string, unknown>;
  check: Check;
}

const NAME = /^[\w/+=.@-]{1,512}$/;

function secretValueOf(input: Record<string, unknown>) {
  const secretString = typeof input.SecretString === "string" ? input.SecretString : undefined;
  const secretBinary = typeof input.SecretBinary === "string" ? input.SecretBinary : undefined;
  if (secretString !== undefined && secretBinary !== undefined)
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  return { secretString, secretBinary };
}

function addVersion(
  world: World,
  secret: StoredSecret,
  value: ReturnType<typeof secretValueOf>,
  stages?: string[],
) {
  const store = world.secrets;
  const now = store.clock();
  const labels = stages?.length ? stages : ["AWSCURRENT"];
  const oldCurrent = secret.versions.find((v) => v.stages.includes("AWSCURRENT"));
  const moving = labels.includes("AWSCURRENT") ? [...labels, "AWSPREVIOUS"] : labels;
  for (const v of secret.versions) v.stages = v.stages.filter((s) => !moving.includes(s));
  if (labels.includes("AWSCURRENT")) oldCurrent?.stages.push("AWSPREVIOUS");
  const version = { versionId: store.newVersionId(secret), ...value, stages: [...labels], createdDate: now };
  secret.versions.push(version);
  secret.lastChangedDate = now;
  return version;
}

export function createSecretOperation(world: World) {
  return (ctx: Ctx) => {
    const name = ctx.input.Name;
    if (typeof name !== "string") throw missingMember("name");
    if (!NAME.test(name))
      throw invalidParameter(
        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!",
      );
    const store = world.secrets;
    const account = ctx.caller.account;
    const arn = secretArnOf(ctx.region, account, name, store.newSuffix(account, ctx.region, name));
    const tags: Record<string, string> = {};
    for (const t of (Array.isArray(ctx.input.Tags) ? ctx.input.Tags : []) as Array<{
      Key?: string;
      Value?: string;
    }>) {
      if (t.Key) tags[t.Key] = t.Value ?? "";
    }
    const requestTags: Record<string, string | string[]> = { "aws:TagKeys": Object.keys(tags) };
    for (const [k, v] of Object.entries(tags)) requestTags[`aws:RequestTag/${k}`] = v;
    const check: Check = (input) => ctx.check({ ...input, context: { ...input.context, ...requestTags } });
    authorizeSecretAction(check, ctx.caller, "secretsmanager:CreateSecret", { authArn: arn, account }, name);
    if (store.byName(account, ctx.region, name))
      throw new AwsError(
        "ResourceExistsException",
        `The operation failed because the secret ${name} already exists.`,
      );
    const value = secretValueOf(ctx.input);
    const now = store.clock();
    const secret: StoredSecret = {
      account,
      region: ctx.region,
      name,
      arn,
      description: typeof ctx.input.Description === "string" ? ctx.input.Description : undefined,
      kmsKeyId: typeof ctx.input.KmsKeyId === "string" ? ctx.input.KmsKeyId : undefined,
      tags,
      versions: [],
      createdDate: now,
      lastChangedDate: now,
    };
    store.add(secret);
    const version =
      value.secretString !== undefined || value.secretBinary !== undefined
        ? addVersion(world, secret, value)
        : undefined;
    return { ARN: arn, Name: name, VersionId: version?.versionId };
  };
}

export function putSecretValueOperation(world: World) {
  return (ctx: Ctx) => {
    const secretId = ctx.input.SecretId;
    if (typeof secretId !== "string") throw missingMember("secretId");
    const resolved = resolveSecretId(world.secrets, secretId, ctx.caller.account, ctx.region);
    authorizeSecretAction(ctx.check, ctx.caller, "secretsmanager:PutSecretValue", resolved, secretId);
    if (!resolved.secret) throw secretNotFound();
    const value = secretValueOf(ctx.input);
    if (value.secretString === undefined && value.secretBinary === undefined)
      throw invalidRequest("You must provide either SecretString or SecretBinary.");
    const stages = Array.isArray(ctx.input.VersionStages) ? (ctx.input.VersionStages as string[]) : undefined;
    const version = addVersion(world, resolved.secret, value, stages);
    return {
      ARN: resolved.secret.arn,
      Name: resolved.secret.name,
      VersionId: version.versionId,
      VersionStages: [...version.stages],
    };
  };
}
