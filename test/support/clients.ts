/**
 * SDK v3 clients against a running emulator, for a principal's credentials, with retries off so a
 * test sees AWS's first answer; the seed's usual sessions (the Lambda's, B's role, the COPY role);
 * and `failure`, the error a call ends with in the fields the tests assert (name, message, status).
 */
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { RedshiftClient } from "@aws-sdk/client-redshift";
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { RedshiftServerlessClient } from "@aws-sdk/client-redshift-serverless";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { RunningEmulator, StaticCredentials } from "../../emulator/index.ts";
import { COPY_ROLE_ARN, EXTERNAL_ID, REDSHIFT_ROLE_ARN } from "./constants.ts";

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: StaticCredentials;
  maxAttempts: number;
}

/** `new Client(...)` for the emulator: a principal's name or ARN (emu.credentials), or credentials. */
export function clientFor<C, X extends object = object>(
  Client: new (config: ClientConfig & X) => C,
  emu: Pick<RunningEmulator, "endpoint" | "region" | "credentials">,
  principal: string | StaticCredentials,
  region = emu.region,
  extra?: X,
): C {
  const credentials = typeof principal === "string" ? emu.credentials(principal) : principal;
  return new Client({ endpoint: emu.endpoint, region, credentials, maxAttempts: 1, ...(extra as X) });
}

export const stsClient = (emu: RunningEmulator, credentials: StaticCredentials, region?: string) =>
  clientFor(STSClient, emu, credentials, region);
export const iamClient = (emu: RunningEmulator, credentials: StaticCredentials) =>
  clientFor(IAMClient, emu, credentials);
export const redshiftClient = (emu: RunningEmulator, credentials: StaticCredentials, region?: string) =>
  clientFor(RedshiftClient, emu, credentials, region);
export const dataClient = (emu: RunningEmulator, credentials: StaticCredentials, region?: string) =>
  clientFor(RedshiftDataClient, emu, credentials, region);
export const kmsClient = (emu: RunningEmulator, credentials: StaticCredentials, region?: string) =>
  clientFor(KMSClient, emu, credentials, region);
export const secretsClient = (emu: RunningEmulator, credentials: StaticCredentials, region?: string) =>
  clientFor(SecretsManagerClient, emu, credentials, region);
export const serverlessClient = (emu: RunningEmulator, credentials: StaticCredentials, region?: string) =>
  clientFor(RedshiftServerlessClient, emu, credentials, region);

/** The keys of a session the world issued (no SDK call). */
export function sessionCredentials(record: StaticCredentials): StaticCredentials {
  return {
    accessKeyId: record.accessKeyId,
    secretAccessKey: record.secretAccessKey,
    sessionToken: record.sessionToken,
  };
}

/** What the seed's function runs as: A's execution role, session named after the function. */
export function lambdaCredentials(emu: RunningEmulator): StaticCredentials {
  return sessionCredentials(emu.world.lambdaExecutionSession("chaincheck-probe"));
}

/** The copy role's session as Redshift gets it: assumed by redshift.amazonaws.com. */
export function copyRoleCredentials(emu: RunningEmulator): StaticCredentials {
  return sessionCredentials(
    emu.world.assumeRoleAsService({
      roleArn: COPY_ROLE_ARN,
      service: "redshift.amazonaws.com",
      sessionName: "RedshiftIamRoleSession",
    }),
  );
}

/** The chain's AssumeRole into B's role (the seed's ExternalId, 15 minutes), with `extra` over it. */
export const assumeChainRole = (extra: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) =>
  new AssumeRoleCommand({
    RoleArn: REDSHIFT_ROLE_ARN,
    RoleSessionName: "chaincheck",
    ExternalId: EXTERNAL_ID,
    DurationSeconds: 900,
    ...extra,
  });

/** B's role as the chain gets it: the Lambda's session calls sts:AssumeRole with the ExternalId. */
export async function chainRoleCredentials(
  emu: RunningEmulator,
  sessionName = "chaincheck",
): Promise<StaticCredentials> {
  const result = await stsClient(emu, lambdaCredentials(emu)).send(
    assumeChainRole({ RoleSessionName: sessionName }),
  );
  return {
    accessKeyId: result.Credentials!.AccessKeyId!,
    secretAccessKey: result.Credentials!.SecretAccessKey!,
    sessionToken: result.Credentials!.SessionToken!,
  };
}

export interface AwsErrorShape {
  name: string;
  message: string;
  status: number | undefined;
}

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
}

async function rejection(promise: Promise<unknown>): Promise<SdkError & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as SdkError & Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

export async function failure(promise: Promise<unknown>): Promise<AwsErrorShape> {
  const e = await rejection(promise);
  return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
}

/** `failure` plus the error's other members (S3's Bucket, Endpoint, Key…). */
export async function failureWithFields(
  promise: Promise<unknown>,
): Promise<AwsErrorShape & { fields: Record<string, unknown> }> {
  const e = await rejection(promise);
  return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, fields: e };
}
