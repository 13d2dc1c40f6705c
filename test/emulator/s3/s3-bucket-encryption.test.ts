import { GetBucketEncryptionCommand } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { failureWithFields } from "../../support/clients.ts";
import { A, BUCKET, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { KMS_KEY_ARN, KMS_KEY_ID, s3 } from "./s3-test-clients.ts";

describe("GetBucketEncryption", () => {
  test("answers SSE-S3 (AES256) for a bucket without default encryption of its own", async ({ emu }) => {
    const out = await s3(emu, emu.credentials("A:tester")).send(
      new GetBucketEncryptionCommand({ Bucket: BUCKET }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false },
    ]);
  });

  test("answers aws:kms with the key's ARN for a bucket encrypted with a customer key", async ({ start }) => {
    const e = await start({
      kmsKeys: [{ account: A, region: REGION, id: KMS_KEY_ID }],
      s3Buckets: [
        { account: A, region: REGION, name: BUCKET, encryption: { sse: "aws:kms", kmsKeyId: KMS_KEY_ID } },
      ],
    });
    const out = await s3(e, e.credentials("A:tester")).send(
      new GetBucketEncryptionCommand({ Bucket: BUCKET }),
    );
    expect(out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: "aws:kms",
      KMSMasterKeyID: KMS_KEY_ARN,
    });
  });

  test("is denied to another account the bucket policy does not grant s3:GetEncryptionConfiguration", async ({
    emu,
  }) => {
    const err = await failureWithFields(
      s3(emu, emu.credentials("B:admin")).send(new GetBucketEncryptionCommand({ Bucket: BUCKET })),
    );
    expect(err).toMatchObject({ name: "AccessDenied", message: "Access Denied", status: 403 });
  });

  test("answers NoSuchBucket for a bucket that does not exist", async ({ emu }) => {
    const err = await failureWithFields(
      s3(emu, emu.credentials("A:tester")).send(
        new GetBucketEncryptionCommand({ Bucket: "chaincheck-no-such-bucket" }),
      ),
    );
    expect(err).toMatchObject({
      name: "NoSuchBucket",
      message: "The specified bucket does not exist",
      status: 404,
    });
    expect(err.fields.BucketName).toBe("chaincheck-no-such-bucket");
  });
});
