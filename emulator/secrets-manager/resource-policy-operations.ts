/**
 * GetResourcePolicy, PutResourcePolicy, DeleteResourcePolicy: the secret's resource policy, which
 * GetSecretValue then evaluates (a cross-account reader needs it to allow, docs/failures.md L3-07).
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html
 *
 * BlockPublicPolicy: a policy with an unconditioned Allow for Principal "*" is refused with
 * PublicPolicyException. The texts of MalformedPolicyDocumentException and PublicPolicyException are
 * inferred [I]; the IAM engine's validation message is appended so the cause stays visible.
 * Known gaps: Zelkova-style "broad access" analysis beyond Principal "*" without conditions.
 */
import { PolicyValidationError, parsePolicy } from "../../policy/index.ts";
import { AwsError } from "../core/errors.ts";
import type { Caller, Check } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { authorizeSecretAction } from "./authorize-secret.ts";
import { resolveSecretId } from "./resolve-secret-id.ts";
import type { StoredSecret } from "./secret-store.ts";
import { missingMember, secretNotFound } from "./secrets-manager-errors.ts";

interface Ctx {
  caller: Caller;
  region: string;
  input: Record<string, unknown>;
  check: Check;
}

function findAuthorized(world: World, ctx: Ctx, action: string): StoredSecret {
  const secretId = ctx.input.SecretId;
  if (typeof secretId !== "string") throw missingMember("secretId");
  const resolved = resolveSecretId(world.secrets, secretId, ctx.caller.account, ctx.region);
  authorizeSecretAction(ctx.check, ctx.caller, action, resolved, secretId);
  if (!resolved.secret) throw secretNotFound();
  return resolved.secret;
}

export function getResourcePolicyOperation(world: World) {
  return (ctx: Ctx) => {
    const secret = findAuthorized(world, ctx, "secretsmanager:GetResourcePolicy");
    return { ARN: secret.arn, Name: secret.name, ResourcePolicy: secret.policy };
  };
}

export function putResourcePolicyOperation(world: World) {
  return (ctx: Ctx) => {
    const text = ctx.input.ResourcePolicy;
    if (typeof text !== "string") throw missingMember("resourcePolicy");
    const secret = findAuthorized(world, ctx, "secretsmanager:PutResourcePolicy");
    let parsed: ReturnType<typeof parsePolicy>;
    try {
      parsed = parsePolicy(text, "resource");
    } catch (error) {
      if (!(error instanceof PolicyValidationError)) throw error;
      throw new AwsError(
        "MalformedPolicyDocumentException",
        `This resource policy contains a syntax error: ${error.message}`,
      );
    }
    const isPublic = parsed.statements.some(
      (s) => s.effect === "Allow" && s.principal?.any === true && s.conditions.length === 0,
    );
    if (ctx.input.BlockPublicPolicy === true && isPublic) {
      throw new AwsError(
        "PublicPolicyException",
        "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.",
      );
    }
    secret.policy = text;
    return { ARN: secret.arn, Name: secret.name };
  };
}

export function deleteResourcePolicyOperation(world: World) {
  return (ctx: Ctx) => {
    const secret = findAuthorized(world, ctx, "secretsmanager:DeleteResourcePolicy");
    secret.policy = undefined;
    return { ARN: secret.arn, Name: secret.name };
  };
}
