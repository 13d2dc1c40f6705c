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
import { addCheck, missingTargetCredentials, outcomeForCallError } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";

export async function runClusterCredentials(ctx: LinkContext): Promise<LinkOutcome> {
  const missing = missingTargetCredentials(ctx);
  if (missing) return missing;
  const settings = ctx.clientSettings(ctx.state.targetCredentials);
  const { clusterId, workgroupName, database, dbUser, secretArn } = ctx.config;
  const check = `${describeMode(ctx)} as B's role`;
  try {
    if (secretArn) {
      const out = await ctx.recorder.call("secretsmanager", "GetSecretValue", () =>
        new SecretsManagerClient(settings).send(new GetSecretValueCommand({ SecretId: secretArn })),
      );
      const fields = secretFields(out.SecretString);
      if (!fields.username || !fields.password) {
        addCheck(
          ctx,
          check,
          "fail",
          `secret ${secretArn} lacks a non-empty ${fields.username ? "password" : "username"} field`,
        );
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
    return outcomeForCallError(ctx, check, error);
  }
  addCheck(ctx, check, "pass", `${describeMode(ctx)} succeeded`);
  return { status: "pass" };
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
