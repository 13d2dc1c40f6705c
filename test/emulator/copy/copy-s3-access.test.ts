import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { A, B, BUCKET, CLUSTER, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { allow, policyDocument, roleWithInlinePolicy, trustStatement } from "../../support/policy-layers.ts";
import {
  type CopyWorld,
  copySql,
  expectRedshiftError,
  firstErrorLine,
  runAsAppUser,
  s3Detail,
  s3ExceptionPattern,
  startCopyWorld,
} from "./copy-fixtures.ts";

const WEST_BUCKET = "chaincheck-copy-west";
const DENIED_KEY = "11111111-2222-4333-8444-555555555555";
const SHARED_KEY = "66666666-7777-4888-9999-aaaaaaaaaaaa";
const keyArn = (id: string) => `arn:aws:kms:${REGION}:${A}:key/${id}`;
const roleArn = (name: string) => `arn:aws:iam::${B}:role/${name}`;
const NO_GET = roleArn("copy-list-only");
const NOT_IN_POLICY = roleArn("copy-not-in-bucket-policy");

const redshiftTrust = policyDocument(trustStatement({ Service: "redshift.amazonaws.com" }));
const rootStatement = {
  Sid: "Root",
  ...allow("kms:*", "*", { Principal: { AWS: `arn:aws:iam::${A}:root` } }),
};
const bucketGrant = (bucket: string, principals: string[]) =>
  policyDocument(
    allow(["s3:GetObject", "s3:ListBucket"], [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], {
      Principal: { AWS: principals },
    }),
  );

let world: CopyWorld;
beforeAll(async () => {
  world = await startCopyWorld({
    roles: [
      roleWithInlinePolicy(
        B,
        "chaincheck-copy-role",
        "read-west-and-decrypt",
        allow("s3:GetObject", `arn:aws:s3:::${WEST_BUCKET}/*`),
        allow("s3:ListBucket", `arn:aws:s3:::${WEST_BUCKET}`),
        allow("kms:Decrypt", [keyArn(DENIED_KEY), keyArn(SHARED_KEY)]),
      ),
      {
        ...roleWithInlinePolicy(
          B,
          "copy-list-only",
          "list-only",
          allow("s3:ListBucket", `arn:aws:s3:::${BUCKET}`),
        ),
        trustPolicy: redshiftTrust,
      },
      {
        ...roleWithInlinePolicy(
          B,
          "copy-not-in-bucket-policy",
          "read-everything",
          allow(["s3:GetObject", "s3:ListBucket"], "*"),
        ),
        trustPolicy: redshiftTrust,
      },
    ],
    kmsKeys: [
      {
        account: A,
        region: REGION,
        id: DENIED_KEY,
        policy: policyDocument(rootStatement),
      },
      {
        account: A,
        region: REGION,
        id: SHARED_KEY,
        policy: policyDocument(
          rootStatement,
          allow("kms:Decrypt", "*", { Principal: { AWS: COPY_ROLE_ARN } }),
        ),
      },
    ],
    s3Buckets: [
      {
        account: A,
        region: REGION,
        name: BUCKET,
        policy: bucketGrant(BUCKET, [COPY_ROLE_ARN, NO_GET]),
        objects: [
          {
            key: "kms-denied/sales.csv",
            body: "id,region,amount\n31,oita,1.00\n",
            sse: "aws:kms",
            kmsKeyId: DENIED_KEY,
          },
          {
            key: "kms-shared/sales.csv",
            body: "id,region,amount\n41,saga,2.00\n",
            sse: "aws:kms",
            kmsKeyId: SHARED_KEY,
          },
        ],
      },
      {
        account: A,
        region: "us-west-2",
        name: WEST_BUCKET,
        policy: bucketGrant(WEST_BUCKET, [COPY_ROLE_ARN]),
        objects: [{ key: "west/sales.csv", body: "id,region,amount\n51,seattle,3.00\n52,portland,4.00\n" }],
      },
    ],
    redshiftClusters: [
      {
        account: B,
        region: REGION,
        id: CLUSTER,
        iamRoles: [COPY_ROLE_ARN, NO_GET, NOT_IN_POLICY],
        grants: [
          { database: "dev", to: "app_user", privileges: ["USAGE"], on: "schema public" },
          { database: "dev", to: "app_user", privileges: ["SELECT", "INSERT"], on: "table public.sales" },
        ],
      },
    ],
  });
});
afterAll(() => world.emu.stop());

const copy = (from: string, role = COPY_ROLE_ARN, options?: string) =>
  runAsAppUser(world.client, copySql("public.sales", from, role, options));

function expectS3Failure(
  out: { Status?: string; Error?: string },
  s3: { message: string; status: number; code: string; context: string; location: string },
) {
  expect(out.Status).toBe("FAILED");
  expect(firstErrorLine(out.Error)).toMatch(s3ExceptionPattern(s3.message, s3.status, s3.code));
  expectRedshiftError(out.Error, s3Detail(out.Error, s3.context, s3.location));
}

describe("reading A's bucket as B's role session", () => {
  test("lets every database user use an associated role while ASSUMEROLE was never revoked", async () => {
    const out = await copy(`s3://${BUCKET}/input/sales.csv`);
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(3);
  });

  test.each([
    [
      "fails with S3's cross-account Access Denied on the object when the role lacks s3:GetObject",
      `s3://${BUCKET}/input/sales.csv`,
      NO_GET,
      { context: `S3 key being read : s3://${BUCKET}/input/sales.csv`, location: "table_s3_scanner.cpp:354" },
    ],
    [
      "fails on the listing when the bucket policy does not name the role",
      `s3://${BUCKET}/input/`,
      NOT_IN_POLICY,
      { context: `Listing bucket=${BUCKET} prefix=input/`, location: "s3_utility.cpp:840" },
    ],
    [
      "fails with Access Denied on an SSE-KMS object whose key policy does not name the role",
      `s3://${BUCKET}/kms-denied/`,
      COPY_ROLE_ARN,
      {
        context: `S3 key being read : s3://${BUCKET}/kms-denied/sales.csv`,
        location: "table_s3_scanner.cpp:354",
      },
    ],
  ])("%s", async (_, from, role, where) => {
    expectS3Failure(await copy(from, role), {
      message: "Access Denied",
      status: 403,
      code: "AccessDenied",
      ...where,
    });
  });

  test("loads an SSE-KMS object when both the key policy and the role allow kms:Decrypt", async () => {
    const out = await copy(`s3://${BUCKET}/kms-shared/`);
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(1);
  });
});

describe("a bucket in another region", () => {
  test("fails with S3's 301 PermanentRedirect without REGION", async () => {
    expectS3Failure(await copy(`s3://${WEST_BUCKET}/west/sales.csv`), {
      message:
        "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      status: 301,
      code: "PermanentRedirect",
      context: `Listing bucket=${WEST_BUCKET} prefix=west/sales.csv`,
      location: "s3_utility.cpp:840",
    });
  });

  test("loads when COPY names the bucket's region", async () => {
    const out = await copy(
      `s3://${WEST_BUCKET}/west/sales.csv`,
      COPY_ROLE_ARN,
      "CSV IGNOREHEADER 1 REGION 'us-west-2'",
    );
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(2);
  });

  test("fails with NoSuchBucket when the bucket does not exist", async () => {
    const out = await copy("s3://chaincheck-no-such-bucket/input/");
    expect(out.Status).toBe("FAILED");
    expect(firstErrorLine(out.Error)).toMatch(
      s3ExceptionPattern("The specified bucket does not exist", 404, "NoSuchBucket"),
    );
  });
});

describe("access keys instead of IAM_ROLE", () => {
  test("load with temporary credentials of a session the bucket policy names", async () => {
    const session = world.emu.world.assumeRoleAsService({
      roleArn: COPY_ROLE_ARN,
      service: "redshift.amazonaws.com",
      sessionName: "keys-copy",
    });
    const out = await runAsAppUser(
      world.client,
      `copy public.sales from 's3://${BUCKET}/input/sales.csv' credentials 'aws_access_key_id=${session.accessKeyId};aws_secret_access_key=${session.secretAccessKey};token=${session.sessionToken}' CSV IGNOREHEADER 1`,
    );
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(3);
  });

  test("fail with S3's InvalidAccessKeyId on the listing for a key S3 does not know", async () => {
    const out = await runAsAppUser(
      world.client,
      `copy public.sales from 's3://${BUCKET}/input/' access_key_id 'AKIAUNKNOWNKEY000000' secret_access_key 'not-a-secret' CSV`,
    );
    expectS3Failure(out, {
      message: "The AWS Access Key Id you provided does not exist in our records.",
      status: 403,
      code: "InvalidAccessKeyId",
      context: `Listing bucket=${BUCKET} prefix=input/`,
      location: "s3_utility.cpp:840",
    });
  });
});
