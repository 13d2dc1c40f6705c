/**
 * Link 2 — `assume-role`: from the origin identity (the Lambda's execution-role session), AssumeRole
 * into B's role with the configured session name, ExternalId and duration; then GetCallerIdentity
 * with the new credentials must show account B and the expected role.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { CheckOf } from "../report/types.ts";
import { accountOfArn, addCheck, outcomeForCallError } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { runControl } from "./negative-control.ts";

/** Link 2's checks and their facts (the shared `origin-identity` check is in check.ts). */
export type AssumeRoleCheck =
  | CheckOf<"assume-role", { bRoleArn: string; sessionName: string; durationSeconds: number }>
  | CheckOf<"credentials-are-b", { callerArn?: string; account?: string; expectedArn: string }>;

export async function runAssumeRole(ctx: LinkContext): Promise<LinkOutcome> {
  const origin = ctx.state.originCredentials;
  if (!origin) {
    addCheck(ctx, {
      id: "origin-identity",
      name: "origin identity",
      status: "error",
      detail: "no origin credentials: the Lambda's execution-role session could not be obtained",
    });
    return { status: "error" };
  }
  const { targetRoleArn: bRoleArn, externalId, sessionName, durationSeconds } = ctx.config;
  const assume = {
    id: "assume-role",
    name: "AssumeRole",
    facts: { bRoleArn, sessionName, durationSeconds },
  } as const;
  let credentials: AwsCredentialIdentity;
  try {
    const out = await ctx.recorder.call("sts", "AssumeRole", () =>
      new STSClient(ctx.clientSettings(origin)).send(
        new AssumeRoleCommand({
          RoleArn: bRoleArn,
          RoleSessionName: sessionName,
          ExternalId: externalId,
          DurationSeconds: durationSeconds,
        }),
      ),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      addCheck(ctx, { ...assume, status: "fail", detail: "AssumeRole answered without credentials" });
      return { status: "fail" };
    }
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    addCheck(ctx, {
      ...assume,
      status: "pass",
      detail: `assumed ${bRoleArn} as session ${sessionName} for ${durationSeconds} s`,
    });
  } catch (error) {
    return outcomeForCallError(ctx, assume, error);
  }

  const roleName = bRoleArn.split("/").pop();
  const expectedAccount = accountOfArn(bRoleArn);
  const expectedArn = `arn:aws:sts::${expectedAccount}:assumed-role/${roleName}/${sessionName}`;
  const areB = { id: "credentials-are-b", name: "credentials are B's", facts: { expectedArn } } as const;
  try {
    const who = await ctx.recorder.call("sts", "GetCallerIdentity", () =>
      new STSClient(ctx.clientSettings(credentials)).send(new GetCallerIdentityCommand({})),
    );
    const facts = { callerArn: who.Arn, account: who.Account, expectedArn };
    if (who.Account !== expectedAccount || who.Arn !== expectedArn) {
      addCheck(ctx, {
        ...areB,
        status: "fail",
        detail: `GetCallerIdentity shows ${who.Arn} (account ${who.Account}), expected ${expectedArn}`,
        facts,
      });
      return { status: "fail" };
    }
    addCheck(ctx, { ...areB, status: "pass", detail: `GetCallerIdentity shows ${who.Arn}`, facts });
  } catch (error) {
    return outcomeForCallError(ctx, areB, error);
  }
  ctx.state.bRoleCredentials = credentials;
  // Control: B's own session asks for B's role again; the trust names A's execution role, not it.
  await runControl(ctx, `sts AssumeRole into ${bRoleArn} from B's own session`, async () => {
    await ctx.recorder.call("sts", "AssumeRole", () =>
      new STSClient(ctx.clientSettings(credentials)).send(
        new AssumeRoleCommand({
          RoleArn: bRoleArn,
          RoleSessionName: "chaincheck-control",
          ExternalId: externalId,
          DurationSeconds: 900,
        }),
      ),
    );
    return { allowed: true, detail: "AssumeRole answered with credentials" };
  });
  return { status: "pass" };
}
