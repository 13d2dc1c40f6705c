/**
 * sts:GetSessionToken: temporary credentials for an IAM user (or the root user), with the same
 * permissions. Not callable with session credentials.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 *
 * Known gaps: MFA is ignored (so sessions never carry aws:MultiFactorAuthPresent); AWS refuses IAM
 * API calls from these sessions without MFA, the emulator does not.
 */
import { AwsError } from "../core/errors.ts";
import type { OperationContext } from "../core/types.ts";
import { checkInteger, intParam, throwIfInvalid, type Violation } from "../iam/validation-error.ts";
import type { World } from "../world/world.ts";

export function getSessionToken(world: World, ctx: OperationContext) {
  const caller = ctx.caller;
  if (caller.kind === "assumed-role" || caller.temporary) {
    throw new AwsError("AccessDenied", "Cannot call GetSessionToken with session credentials", {
      status: 403,
    });
  }
  const violations: Violation[] = [];
  const requested = intParam(ctx.input.DurationSeconds);
  checkInteger(violations, "durationSeconds", requested, { min: 900, max: 129600 });
  throwIfInvalid(violations);
  // Root sessions are capped at one hour; users default to 12 hours.
  const duration = caller.kind === "root" ? Math.min(requested ?? 3600, 3600) : (requested ?? 43200);
  const now = world.clock();
  const accessKeyId = world.ids.accessKeyId(true);
  const record = world.credentials.add({
    accessKeyId,
    secretAccessKey: world.ids.secretAccessKey(),
    sessionToken: world.ids.sessionToken(),
    expiration: new Date(now.getTime() + duration * 1000),
    caller: { ...caller, accessKeyId, temporary: true },
  });
  return {
    Credentials: {
      AccessKeyId: record.accessKeyId,
      SecretAccessKey: record.secretAccessKey,
      SessionToken: record.sessionToken,
      Expiration: record.expiration,
    },
  };
}
