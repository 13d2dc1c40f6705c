/**
 * Link 2 — `assume-role`: from the origin identity (the Lambda's execution-role session), AssumeRole
 * into B's role with the configured session name, ExternalId and duration; then GetCallerIdentity
 * with the new credentials must show account B and the expected role.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { accountOfArn, addCheck, outcomeForCallError } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";

export async function runAssumeRole(ctx: LinkContext): Promise<LinkOutcome> {
  const origin = ctx.state.originCredentials;
  if (!origin) {
    addCheck(
      ctx,
      "origin identity",
      "error",
      "no origin credentials: the Lambda's execution-role session could not be obtained",
    );
    return { status: "error" };
  }
  const { targetRoleArn, externalId, sessionName, durationSeconds } = ctx.config;
  let credentials: AwsCredentialIdentity;
  try {
    const out = await ctx.recorder.call("sts", "AssumeRole", () =>
      new STSClient(ctx.clientSettings(origin)).send(
        new AssumeRoleCommand({
          RoleArn: targetRoleArn,
          RoleSessionName: sessionName,
          ExternalId: externalId,
          DurationSeconds: durationSeconds,
        }),
      ),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      addCheck(ctx, "AssumeRole", "fail", "AssumeRole answered without credentials");
      return { status: "fail" };
    }
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    addCheck(
      ctx,
      "AssumeRole",
      "pass",
      `assumed ${targetRoleArn} as session ${sessionName} for ${durationSeconds} s`,
    );
  } catch (error) {
    return outcomeForCallError(ctx, "AssumeRole", error);
  }

  try {
    const who = await ctx.recorder.call("sts", "GetCallerIdentity", () =>
      new STSClient(ctx.clientSettings(credentials)).send(new GetCallerIdentityCommand({})),
    );
    const roleName = targetRoleArn.split("/").pop();
    const expectedAccount = accountOfArn(targetRoleArn);
    const expectedArn = `arn:aws:sts::${expectedAccount}:assumed-role/${roleName}/${sessionName}`;
    if (who.Account !== expectedAccount || who.Arn !== expectedArn) {
      addCheck(
        ctx,
        "credentials are B's",
        "fail",
        `GetCallerIdentity shows ${who.Arn} (account ${who.Account}), expected ${expectedArn}`,
      );
      return { status: "fail" };
    }
    addCheck(ctx, "credentials are B's", "pass", `GetCallerIdentity shows ${who.Arn}`);
  } catch (error) {
    return outcomeForCallError(ctx, "credentials are B's", error);
  }
  ctx.state.targetCredentials = credentials;
  return { status: "pass" };
}
