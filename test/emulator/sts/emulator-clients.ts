import { fileURLToPath } from "node:url";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";

export const SEED = fileURLToPath(new URL("../../../fixtures/setups/seed.yaml", import.meta.url));
export const A = "111111111111";
export const B = "222222222222";
export const LAMBDA_ROLE_ARN = `arn:aws:iam::${A}:role/chaincheck-lambda-role`;
export const REDSHIFT_ROLE_ARN = `arn:aws:iam::${B}:role/chaincheck-redshift-role`;
export const LAMBDA_SESSION_ARN = `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`;
export const EXTERNAL_ID = "chaincheck-external-id";

export function lambdaCredentials(emu: RunningEmulator): StaticCredentials {
  const record = emu.world.lambdaExecutionSession("chaincheck-probe");
  return {
    accessKeyId: record.accessKeyId,
    secretAccessKey: record.secretAccessKey,
    sessionToken: record.sessionToken,
  };
}

export function stsClient(emu: RunningEmulator, credentials: StaticCredentials): STSClient {
  return new STSClient({ endpoint: emu.endpoint, region: emu.region, credentials, maxAttempts: 1 });
}

export function iamClient(emu: RunningEmulator, credentials: StaticCredentials): IAMClient {
  return new IAMClient({ endpoint: emu.endpoint, region: emu.region, credentials, maxAttempts: 1 });
}

export interface AwsErrorShape {
  name: string;
  message: string;
  status: number | undefined;
}

export async function failure(promise: Promise<unknown>): Promise<AwsErrorShape> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}
