import { Agent } from "node:http";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";
import { clientFor } from "../../support/clients.ts";
import { A, B, BUCKET, REGION } from "../../support/constants.ts";
import { policyDocument } from "../../support/policy-layers.ts";

export const SALES_KEY = "input/sales.csv";
export const COPY_SESSION_ARN = `arn:aws:sts::${B}:assumed-role/chaincheck-copy-role/RedshiftIamRoleSession`;
export const KMS_KEY_ID = "1234abcd-12ab-44cd-a6ef-1234567890ab";
export const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${A}:key/${KMS_KEY_ID}`;

export function s3(
  emu: RunningEmulator,
  credentials: StaticCredentials,
  extra: Partial<S3ClientConfig> = {},
): S3Client {
  return clientFor(S3Client, emu, credentials, REGION, { forcePathStyle: true, ...extra });
}
/** Virtual-hosted style on `<bucket>.s3.<region>.localhost`, every such name resolved to loopback. */
export function virtualHostedS3(
  emu: RunningEmulator,
  credentials: StaticCredentials,
  options: { hostRegion?: string; signingRegion?: string } = {},
): S3Client {
  const port = new URL(emu.endpoint).port;
  const agent = new Agent({
    lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
      if (opts?.all) cb(null, [{ address: "127.0.0.1", family: 4 }]);
      else cb(null, "127.0.0.1", 4);
    }) as never,
  });
  return new S3Client({
    endpoint: `http://s3.${options.hostRegion ?? REGION}.localhost:${port}`,
    region: options.signingRegion ?? REGION,
    credentials,
    forcePathStyle: false,
    maxAttempts: 1,
    requestHandler: { httpAgent: agent },
  });
}

export const allowAll = (actions: string[], resources: string[]) =>
  policyDocument({ Effect: "Allow", Action: actions, Resource: resources });

/** The seed's copy role with another inline policy. */
export function copyRoleWith(document: object) {
  return {
    roles: [
      {
        account: B,
        name: "chaincheck-copy-role",
        inlinePolicies: [{ name: "read-copy-source", document }],
      },
    ],
  };
}

/** The seed's bucket with another bucket policy (Statement list replaced). */
export function bucketPolicy(statements: object[]) {
  return {
    s3Buckets: [
      {
        account: A,
        region: REGION,
        name: BUCKET,
        policy: { Version: "2012-10-17", Statement: statements },
      },
    ],
  };
}
