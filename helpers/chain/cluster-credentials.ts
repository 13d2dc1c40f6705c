/**
 * Link 3 — `cluster-credentials`: as B's role, the credential call for the configured auth mode:
 * DbUser → redshift:GetClusterCredentials; no DbUser on a cluster → GetClusterCredentialsWithIAM;
 * SecretArn → secretsmanager:GetSecretValue (username/password present); workgroup →
 * redshift-serverless:GetCredentials. Returned passwords are never kept or reported.
 */
import {
  GetClusterCredentialsCommand,
  GetClusterCredentialsWithIAMCommand,
  RedshiftClient,
} from "@aws-sdk/client-redshift";
import { GetCredentialsCommand, RedshiftServerlessClient } from "@aws-sdk/client-redshift-serverless";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AwsCallError } from "../aws/call-recorder.ts";
import type { CheckOf } from "../report/types.ts";
import { addCheck, missingBRoleCredentials, outcomeForCallError, targetErrorOutcome } from "./check.ts";
import type { ClientSettings, LinkContext, LinkOutcome } from "./context.ts";
import { controlName, controlsRun, runControl } from "./negative-control.ts";

/** How link 3 gets database credentials, from the chain config. */
export type CredentialMode = "secret" | "serverless" | "dbuser" | "iam";

/** Link 3's one check: the credential call of the configured mode, as B's role. */
export type ClusterCredentialsCheck = CheckOf<
  "db-credentials",
  { mode: CredentialMode; secretArn?: string; missingField?: "username" | "password" }
>;

export async function runClusterCredentials(ctx: LinkContext): Promise<LinkOutcome> {
  const missing = missingBRoleCredentials(ctx);
  if (missing) return missing;
  const settings = ctx.clientSettings(ctx.state.bRoleCredentials);
  const { clusterId, workgroupName, database, dbUser, secretArn } = ctx.config;
  const mode: CredentialMode = secretArn
    ? "secret"
    : workgroupName
      ? "serverless"
      : dbUser
        ? "dbuser"
        : "iam";
  const check = {
    id: "db-credentials",
    name: `${describeMode(ctx)} as B's role`,
    facts: { mode, ...(secretArn ? { secretArn } : {}) },
  } as const;
  try {
    if (secretArn) {
      const out = await ctx.recorder.call("secretsmanager", "GetSecretValue", () =>
        new SecretsManagerClient(settings).send(new GetSecretValueCommand({ SecretId: secretArn })),
      );
      const fields = secretFields(out.SecretString);
      if (!fields.username || !fields.password) {
        const missingField = fields.username ? "password" : "username";
        addCheck(ctx, {
          ...check,
          status: "fail",
          detail: `secret ${secretArn} lacks a non-empty ${missingField} field`,
          facts: { ...check.facts, missingField },
        });
        return { status: "fail" };
      }
    } else if (workgroupName) {
      await ctx.recorder.call("redshift-serverless", "GetCredentials", () =>
        new RedshiftServerlessClient(settings).send(
          new GetCredentialsCommand({ workgroupName, dbName: database }),
        ),
      );
    } else if (dbUser) {
      await ctx.recorder.call("redshift", "GetClusterCredentials", () =>
        new RedshiftClient(settings).send(
          new GetClusterCredentialsCommand({
            ClusterIdentifier: clusterId,
            DbUser: dbUser,
            DbName: database,
            DurationSeconds: 900,
          }),
        ),
      );
    } else {
      await ctx.recorder.call("redshift", "GetClusterCredentialsWithIAM", () =>
        new RedshiftClient(settings).send(
          new GetClusterCredentialsWithIAMCommand({
            ClusterIdentifier: clusterId,
            DbName: database,
            DurationSeconds: 900,
          }),
        ),
      );
    }
  } catch (error) {
    const denied = error instanceof AwsCallError && error.linkError.httpStatus === 403;
    if (denied && controlsRun(ctx.target) && !secretArn && !workgroupName && ctx.policyReader) {
      const targetFault = await ctx
        .deniedDespitePolicy?.(ctx.config, ctx.policyReader)
        .catch(() => undefined);
      if (targetFault) return { ...targetErrorOutcome(ctx, check, targetFault), error: error.linkError };
    }
    return outcomeForCallError(ctx, check, error);
  }
  addCheck(ctx, { ...check, status: "pass", detail: `${describeMode(ctx)} succeeded` });
  await credentialsControl(ctx, settings);
  return { status: "pass" };
}

/**
 * Control: the same call for something no policy of the setup grants, as B's role — with a DbUser,
 * credentials for a DB user with a random name (AWS hands out credentials for users that do not
 * exist, so only IAM can refuse); with a secret, GetSecretValue on a secret that cannot exist (IAM is
 * judged before existence: ResourceNotFoundException means IAM let it through); without a DbUser,
 * GetClusterCredentialsWithIAM for a database with a random name. A workgroup has no such resource
 * (GetCredentials is authorized on the workgroup alone): there the same call is made as the origin
 * identity in A, whose answer (not found in A) is usually inconclusive.
 */
async function credentialsControl(ctx: LinkContext, settings: ClientSettings): Promise<void> {
  const { clusterId, workgroupName, database, dbUser, secretArn } = ctx.config;
  if (secretArn) {
    const ghost = secretArn.replace(/:secret:.*$/, `:secret:${controlName("chaincheck-control-")}`);
    await runControl(ctx, `secretsmanager GetSecretValue on ${ghost} as B's role`, async () => {
      try {
        await ctx.recorder.call("secretsmanager", "GetSecretValue", () =>
          new SecretsManagerClient(settings).send(new GetSecretValueCommand({ SecretId: ghost })),
        );
      } catch (error) {
        if (!(error instanceof AwsCallError) || error.linkError.code !== "ResourceNotFoundException")
          throw error;
      }
      return { allowed: true, detail: "IAM let the read through to a secret that does not exist" };
    });
    return;
  }
  if (workgroupName) {
    const origin = ctx.state.originCredentials;
    if (!origin) return;
    await runControl(ctx, `${describeMode(ctx)} as the origin identity in A`, async () => {
      await ctx.recorder.call("redshift-serverless", "GetCredentials", () =>
        new RedshiftServerlessClient(ctx.clientSettings(origin)).send(
          new GetCredentialsCommand({ workgroupName, dbName: database }),
        ),
      );
      return { allowed: true, detail: "the call answered as for B's role" };
    });
    return;
  }
  const ghost = controlName("chaincheck_control_");
  const call = dbUser
    ? `redshift GetClusterCredentials for DB user ${ghost} as B's role`
    : `redshift GetClusterCredentialsWithIAM for database ${ghost} as B's role`;
  await runControl(ctx, call, async () => {
    if (dbUser)
      await ctx.recorder.call("redshift", "GetClusterCredentials", () =>
        new RedshiftClient(settings).send(
          new GetClusterCredentialsCommand({
            ClusterIdentifier: clusterId,
            DbUser: ghost,
            DbName: database,
            DurationSeconds: 900,
          }),
        ),
      );
    else
      await ctx.recorder.call("redshift", "GetClusterCredentialsWithIAM", () =>
        new RedshiftClient(settings).send(
          new GetClusterCredentialsWithIAMCommand({
            ClusterIdentifier: clusterId,
            DbName: ghost,
            DurationSeconds: 900,
          }),
        ),
      );
    return { allowed: true, detail: "credentials were returned" };
  });
}

function describeMode(ctx: LinkContext): string {
  const c = ctx.config;
  if (c.secretArn) return `secretsmanager:GetSecretValue on ${c.secretArn}`;
  if (c.workgroupName) return `redshift-serverless:GetCredentials on workgroup ${c.workgroupName}`;
  if (c.dbUser) return `redshift:GetClusterCredentials for ${c.clusterId}/${c.dbUser} on ${c.database}`;
  return `redshift:GetClusterCredentialsWithIAM on ${c.clusterId}/${c.database}`;
}

/** Only the presence of the fields is looked at; the values are dropped at once. */
function secretFields(secretString: string | undefined): { username: boolean; password: boolean } {
  try {
    const parsed = JSON.parse(secretString ?? "{}") as Record<string, unknown>;
    return { username: Boolean(parsed.username), password: Boolean(parsed.password) };
  } catch {
    return { username: false, password: false };
  }
}
