/**
 * The `local` origin: the harness assumes the Lambda's execution role itself (session name = the
 * function name, as Lambda names its sessions), so links 2–5 run as that role. This needs the role's
 * trust policy to allow the tester, and proves less than the `lambda-probe` origin: the report says so.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { AwsCallError, targetFaultText } from "../aws/call-recorder.ts";
import type { LinkContext } from "./context.ts";

export async function assumeLocalOrigin(ctx: LinkContext): Promise<AwsCredentialIdentity | string> {
  const roleArn = ctx.state.lambdaRoleArn ?? ctx.config.lambdaRoleArn;
  if (!roleArn) return "the local origin needs the Lambda's execution role ARN (CHAINCHECK_LAMBDA_ROLE_ARN)";
  try {
    const out = await ctx.recorder.call("sts", "AssumeRole", () =>
      new STSClient(ctx.clientSettings(ctx.testerCredentials)).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ctx.config.functionName.slice(0, 64) }),
      ),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      return "AssumeRole into the execution role answered without credentials";
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.linkError.targetFault) return targetFaultText(error.linkError, error.retries);
    return `the local origin could not assume ${roleArn} (${error.linkError.code}): its trust policy must allow the tester, or use the lambda-probe origin`;
  }
}
