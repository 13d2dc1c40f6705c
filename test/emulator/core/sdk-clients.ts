import { GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DescribeStatementCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";

export interface ClientOptions {
  endpoint: string;
  credentials: AwsCredentialIdentity;
  systemClockOffset?: number;
}

export interface SdkFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
  [member: string]: unknown;
}

const base = (o: ClientOptions) => ({
  endpoint: o.endpoint,
  region: "us-east-1",
  credentials: o.credentials,
  maxAttempts: 1,
  systemClockOffset: o.systemClockOffset,
});

/** One representative call per protocol, so auth behaviour can be asserted for each. */
export const protocolCalls = {
  awsQuery: (o: ClientOptions) => new STSClient(base(o)).send(new GetCallerIdentityCommand({})),
  awsJson1_1: (o: ClientOptions) =>
    new RedshiftDataClient(base(o)).send(new DescribeStatementCommand({ Id: "s1" })),
  restXml: (o: ClientOptions) =>
    new S3Client({ ...base(o), forcePathStyle: true }).send(new GetObjectCommand({ Bucket: "b", Key: "k" })),
  restJson1: (o: ClientOptions) =>
    new LambdaClient(base(o)).send(new GetFunctionCommand({ FunctionName: "probe" })),
} as const;

export async function failureOf(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    return error as SdkFailure;
  }
  throw new Error("expected the call to fail, it succeeded");
}
