import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { copyRoleCredentials, failure } from "../../support/clients.ts";
import { A, B, BUCKET, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { type Layer, test } from "../../support/emulator-fixture.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";
import { copyRoleWith, KMS_KEY_ARN, KMS_KEY_ID, s3 } from "./s3-test-clients.ts";

const KMS_OBJECT = "kms/sales.csv";

const rootStatement = allow("kms:*", "*", { Sid: "Root", Principal: { AWS: `arn:aws:iam::${A}:root` } });

function layer(keyPolicyStatements: object[] | undefined, roleCanDecrypt: boolean) {
  const readStatements: object[] = [
    { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
  ];
  if (roleCanDecrypt) readStatements.push({ Effect: "Allow", Action: "kms:Decrypt", Resource: KMS_KEY_ARN });
  return {
    kmsKeys: [
      {
        account: A,
        region: REGION,
        id: KMS_KEY_ID,
        aliases: ["alias/copy-source"],
        ...(keyPolicyStatements ? { policy: { Version: "2012-10-17", Statement: keyPolicyStatements } } : {}),
      },
    ],
    s3Buckets: [
      {
        account: A,
        region: REGION,
        name: BUCKET,
        objects: [{ key: KMS_OBJECT, body: "id\n9\n", sse: "aws:kms", kmsKeyId: KMS_KEY_ID }],
      },
    ],
    ...copyRoleWith({ Version: "2012-10-17", Statement: readStatements }),
  };
}

const grantCopyRole = allow("kms:Decrypt", "*", {
  Sid: "CopyRoleDecrypts",
  Principal: { AWS: COPY_ROLE_ARN },
});

describe("SSE-KMS objects read across accounts", () => {
  test.for<[string, Layer]>([
    ["are denied as plain Access Denied when the key policy does not name B's role", layer(undefined, true)],
    [
      "are denied when the key policy names the role but its identity policy lacks kms:Decrypt",
      layer([rootStatement, grantCopyRole], false),
    ],
  ])("%s", async ([, change], { start }) => {
    const emu = await start(change);
    expect(
      await failure(
        s3(emu, copyRoleCredentials(emu)).send(new GetObjectCommand({ Bucket: BUCKET, Key: KMS_OBJECT })),
      ),
    ).toMatchObject({ name: "AccessDenied", message: "Access Denied", status: 403 });
  });

  test("are read decrypted when the key policy and the role's identity policy both allow kms:Decrypt", async ({
    start,
  }) => {
    const emu = await start(layer([rootStatement, grantCopyRole], true));
    const out = await s3(emu, copyRoleCredentials(emu)).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: KMS_OBJECT }),
    );
    expect(await out.Body?.transformToString()).toBe("id\n9\n");
    expect(out.ServerSideEncryption).toBe("aws:kms");
    expect(out.SSEKMSKeyId).toBe(KMS_KEY_ARN);
  });

  test("still answer HeadObject without kms:Decrypt", async ({ start }) => {
    const emu = await start(layer(undefined, false));
    const out = await s3(emu, copyRoleCredentials(emu)).send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: KMS_OBJECT }),
    );
    expect(out.ServerSideEncryption).toBe("aws:kms");
  });
});

describe("SSE-KMS in the key's own account", () => {
  test("names kms:Decrypt and the key in the denial when the key policy does not delegate to IAM", async ({
    start,
  }) => {
    const emu = await start(layer([grantCopyRole], true));
    expect(
      await failure(
        s3(emu, emu.credentials("A:tester")).send(new GetObjectCommand({ Bucket: BUCKET, Key: KMS_OBJECT })),
      ),
    ).toMatchObject({
      name: "AccessDenied",
      status: 403,
      message: `User: arn:aws:iam::${A}:user/tester is not authorized to perform: kms:Decrypt on resource: ${KMS_KEY_ARN} because no resource-based policy allows the kms:Decrypt action`,
    });
  });

  test("writes with kms:GenerateDataKey through the default key policy and returns the key", async ({
    start,
  }) => {
    const emu = await start(layer(undefined, false));
    const client = s3(emu, emu.credentials("A:tester"));
    const out = await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "kms/new.csv",
        Body: "a\n",
        ServerSideEncryption: "aws:kms",
        SSEKMSKeyId: "alias/copy-source",
      }),
    );
    expect(out.SSEKMSKeyId).toBe(KMS_KEY_ARN);
    const back = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "kms/new.csv" }));
    expect(await back.Body?.transformToString()).toBe("a\n");
  });

  test("encrypts with the AWS managed aws/s3 key, which another account can never use", async ({ start }) => {
    const emu = await start({
      ...layer(undefined, true),
      ...{
        roles: [
          {
            account: B,
            name: "chaincheck-copy-role",
            inlinePolicies: [
              {
                name: "read-copy-source",
                document: policyDocument({ Effect: "Allow", Action: ["s3:*", "kms:*"], Resource: "*" }),
              },
            ],
          },
        ],
      },
    });
    const put = await s3(emu, emu.credentials("A:tester")).send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "kms/managed.csv",
        Body: "m\n",
        ServerSideEncryption: "aws:kms",
      }),
    );
    expect(put.SSEKMSKeyId).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${A}:key/[0-9a-f-]{36}$`));
    expect(
      await failure(
        s3(emu, copyRoleCredentials(emu)).send(
          new GetObjectCommand({ Bucket: BUCKET, Key: "kms/managed.csv" }),
        ),
      ),
    ).toMatchObject({ name: "AccessDenied", message: "Access Denied", status: 403 });
  });
});
