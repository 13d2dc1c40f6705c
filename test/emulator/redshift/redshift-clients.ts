import { RedshiftClient } from "@aws-sdk/client-redshift";
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";
import { EXTERNAL_ID, lambdaCredentials, REDSHIFT_ROLE_ARN, stsClient } from "../sts/emulator-clients.ts";

export { A, B, failure, REDSHIFT_ROLE_ARN, SEED } from "../sts/emulator-clients.ts";

export const REGION = "ap-northeast-1";
export const CLUSTER = "chaincheck-cluster";
export const COPY_ROLE_ARN = "arn:aws:iam::222222222222:role/chaincheck-copy-role";

export async function chainRoleCredentials(
  emu: RunningEmulator,
  sessionName = "chaincheck",
): Promise<StaticCredentials> {
  const result = await stsClient(emu, lambdaCredentials(emu)).send(
    new AssumeRoleCommand({
      RoleArn: REDSHIFT_ROLE_ARN,
      RoleSessionName: sessionName,
      ExternalId: EXTERNAL_ID,
      DurationSeconds: 900,
    }),
  );
  return {
    accessKeyId: result.Credentials!.AccessKeyId!,
    secretAccessKey: result.Credentials!.SecretAccessKey!,
    sessionToken: result.Credentials!.SessionToken!,
  };
}

export function redshiftClient(
  emu: RunningEmulator,
  credentials: StaticCredentials,
  region = REGION,
): RedshiftClient {
  return new RedshiftClient({ endpoint: emu.endpoint, region, credentials, maxAttempts: 1 });
}

export function dataClient(
  emu: RunningEmulator,
  credentials: StaticCredentials,
  region = REGION,
): RedshiftDataClient {
  return new RedshiftDataClient({ endpoint: emu.endpoint, region, credentials, maxAttempts: 1 });
}
