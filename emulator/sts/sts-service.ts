/**
 * STS (awsQuery, signing name `sts`, API version 2011-06-15). Global: sessions are keyed by the
 * account of the role, whatever the region in the credential scope.
 *
 * Operations: GetCallerIdentity, AssumeRole, GetSessionToken. Everything else answers the uniform
 * "not implemented" error from the pipeline.
 * Known gaps: AssumeRoleWithWebIdentity/SAML, GetFederationToken, DecodeAuthorizationMessage,
 * GetAccessKeyInfo.
 */
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { assumeRole } from "./assume-role.ts";
import { getSessionToken } from "./get-session-token.ts";

export function createStsService(world: World): ServiceDefinition {
  return {
    signingName: "sts",
    protocol: "awsQuery",
    xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
    apiVersion: "2011-06-15",
    accessDenied: (message) => new AwsError("AccessDenied", message, { status: 403 }),
    operations: {
      // No permission is needed, and even an explicit deny does not stop it.
      // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
      GetCallerIdentity: {
        handler: (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.caller.account, Arn: ctx.caller.arn }),
      },
      AssumeRole: { handler: (ctx) => assumeRole(world, ctx) },
      GetSessionToken: { handler: (ctx) => getSessionToken(world, ctx) },
    },
  };
}
