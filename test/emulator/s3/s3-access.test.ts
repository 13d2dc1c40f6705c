import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { copyRoleCredentials, failureWithFields } from "../../support/clients.ts";
import { A, B, BUCKET, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { allow, deny, policyDocument } from "../../support/policy-layers.ts";
import { allowAll, bucketPolicy, COPY_SESSION_ARN, copyRoleWith, SALES_KEY, s3 } from "./s3-test-clients.ts";

const get = (key = SALES_KEY, bucket = BUCKET) => new GetObjectCommand({ Bucket: bucket, Key: key });
const TESTER = `arn:aws:iam::${A}:user/tester`;
const objectResource = `"arn:aws:s3:::${BUCKET}/${SALES_KEY}"`;

describe("cross-account reads by B's copy role", () => {
  test("reads the object when its identity policy and A's bucket policy both allow", async ({ start }) => {
    const e = await start();
    const out = await s3(e, copyRoleCredentials(e)).send(get());
    expect(await out.Body?.transformToString()).toContain("2,osaka,80.00");
    expect(out.ContentType).toBe("text/csv");
    expect(out.ServerSideEncryption).toBe("AES256");
  });

  test("is denied with the bare Access Denied when the bucket policy does not name the role", async ({
    start,
  }) => {
    const e = await start(
      bucketPolicy([allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: TESTER } })]),
    );
    expect(await failureWithFields(s3(e, copyRoleCredentials(e)).send(get()))).toMatchObject({
      name: "AccessDenied",
      message: "Access Denied",
      status: 403,
    });
  });

  test("is denied when the bucket policy allows but the role's identity policy does not", async ({
    start,
  }) => {
    const e = await start(copyRoleWith(allowAll(["s3:ListBucket"], [`arn:aws:s3:::${BUCKET}`])));
    expect(await failureWithFields(s3(e, copyRoleCredentials(e)).send(get()))).toMatchObject({
      name: "AccessDenied",
      message: "Access Denied",
      status: 403,
    });
  });

  test("is denied by an explicit Deny in the bucket policy despite both allows", async ({ start }) => {
    const e = await start(
      bucketPolicy([
        allow(["s3:GetObject", "s3:ListBucket"], [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], {
          Principal: { AWS: COPY_ROLE_ARN },
        }),
        deny("s3:GetObject", `arn:aws:s3:::${BUCKET}/input/*`, { Principal: "*" }),
      ]),
    );
    expect(await failureWithFields(s3(e, copyRoleCredentials(e)).send(get()))).toMatchObject({
      name: "AccessDenied",
      message: "Access Denied",
      status: 403,
    });
  });

  test("is denied to B's administrator, whom the bucket policy does not name", async ({ start }) => {
    const e = await start();
    expect(await failureWithFields(s3(e, e.credentials("B:admin")).send(get()))).toMatchObject({
      name: "AccessDenied",
      message: "Access Denied",
      status: 403,
    });
  });

  test("lists the bucket only with s3:ListBucket, which GetObject does not need", async ({ start }) => {
    const e = await start(copyRoleWith(allowAll(["s3:GetObject"], [`arn:aws:s3:::${BUCKET}/*`])));
    const client = s3(e, copyRoleCredentials(e));
    const listed = await failureWithFields(client.send(new ListObjectsV2Command({ Bucket: BUCKET })));
    expect(listed).toMatchObject({ name: "AccessDenied", message: "Access Denied", status: 403 });
    const out = await client.send(get());
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  test("gets 403 instead of NoSuchKey for a missing key without s3:ListBucket", async ({ start }) => {
    const e = await start(copyRoleWith(allowAll(["s3:GetObject"], [`arn:aws:s3:::${BUCKET}/*`])));
    expect(
      await failureWithFields(s3(e, copyRoleCredentials(e)).send(get("input/missing.csv"))),
    ).toMatchObject({ name: "AccessDenied", message: "Access Denied", status: 403 });
  });

  test("gets NoSuchKey for a missing key when it may list the bucket", async ({ start }) => {
    const e = await start();
    const err = await failureWithFields(s3(e, copyRoleCredentials(e)).send(get("input/missing.csv")));
    expect(err).toMatchObject({
      name: "NoSuchKey",
      message: "The specified key does not exist.",
      status: 404,
    });
    expect(err.fields.Key).toBe("input/missing.csv");
  });
});

describe("same-account denials carry the policy context", () => {
  test("names the missing identity-based policy for a user without S3 permissions", async ({ start }) => {
    const e = await start({ users: [{ account: A, name: "reader" }] });
    const err = await failureWithFields(s3(e, e.credentials("A:reader")).send(get()));
    expect(err.name).toBe("AccessDenied");
    expect(err.status).toBe(403);
    expect(err.message).toBe(
      `User: arn:aws:iam::${A}:user/reader is not authorized to perform: s3:GetObject on resource: ${objectResource} because no identity-based policy allows the s3:GetObject action`,
    );
  });

  test("names the resource-based policy for an explicit Deny in the bucket policy", async ({ start }) => {
    const e = await start(
      bucketPolicy([deny("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: TESTER } })]),
    );
    const err = await failureWithFields(s3(e, e.credentials("A:tester")).send(get()));
    expect(err.message).toBe(
      `User: ${TESTER} is not authorized to perform: s3:GetObject on resource: ${objectResource} with an explicit deny in a resource-based policy`,
    );
  });

  test("lets a same-account user in through the bucket policy alone", async ({ start }) => {
    const e = await start({
      users: [{ account: A, name: "reader" }],
      ...bucketPolicy([
        allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, {
          Principal: { AWS: `arn:aws:iam::${A}:user/reader` },
        }),
      ]),
    });
    const out = await s3(e, e.credentials("A:reader")).send(get());
    expect(out.ContentLength).toBeGreaterThan(0);
  });

  test("shows the context to another account of the same organization", async ({ start }) => {
    const e = await start({
      organizations: [{ id: "o-chaincheck01", managementAccount: A, accounts: [B] }],
      ...bucketPolicy([allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: TESTER } })]),
    });
    const err = await failureWithFields(s3(e, copyRoleCredentials(e)).send(get()));
    expect(err.message).toBe(
      `User: ${COPY_SESSION_ARN} is not authorized to perform: s3:GetObject on resource: ${objectResource} because no resource-based policy allows the s3:GetObject action`,
    );
  });
});

describe("condition keys", () => {
  test("denies over the emulator's plain http when the bucket policy requires secure transport", async ({
    start,
  }) => {
    const e = await start(
      bucketPolicy([
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
    );
    const err = await failureWithFields(s3(e, e.credentials("A:tester")).send(get()));
    expect(err.message).toContain("with an explicit deny in a resource-based policy");
  });

  test("restricts listing to the prefix an s3:prefix condition allows", async ({ start }) => {
    const e = await start(
      copyRoleWith(
        policyDocument({
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: `arn:aws:s3:::${BUCKET}`,
          Condition: { StringLike: { "s3:prefix": "input/*" } },
        }),
      ),
    );
    const client = s3(e, copyRoleCredentials(e));
    const ok = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "input/" }));
    expect(ok.KeyCount).toBe(1);
    const err = await failureWithFields(
      client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "other/" })),
    );
    expect(err.name).toBe("AccessDenied");
  });

  test("refuses an upload without the encryption header a bucket policy requires", async ({ start }) => {
    const e = await start(
      bucketPolicy([
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "AES256" } },
        },
      ]),
    );
    const client = s3(e, e.credentials("A:tester"));
    const err = await failureWithFields(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "x.txt", Body: "x" })),
    );
    expect(err.name).toBe("AccessDenied");
    const ok = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "x.txt", Body: "x", ServerSideEncryption: "AES256" }),
    );
    expect(ok.ServerSideEncryption).toBe("AES256");
  });
});

describe("missing buckets and keys", () => {
  test("answers NoSuchBucket with the bucket name", async ({ start }) => {
    const e = await start();
    const err = await failureWithFields(
      s3(e, e.credentials("A:tester")).send(get(SALES_KEY, "no-such-bucket-here")),
    );
    expect(err).toMatchObject({
      name: "NoSuchBucket",
      message: "The specified bucket does not exist",
      status: 404,
    });
    expect(err.fields.BucketName).toBe("no-such-bucket-here");
  });

  test("answers NoSuchKey to the bucket owner", async ({ start }) => {
    const e = await start();
    expect(await failureWithFields(s3(e, e.credentials("A:tester")).send(get("nope.csv")))).toMatchObject({
      name: "NoSuchKey",
      message: "The specified key does not exist.",
      status: 404,
    });
  });

  test("answers HEAD of a missing key and bucket with a bodyless 404", async ({ start }) => {
    const e = await start();
    const client = s3(e, e.credentials("A:tester"));
    const key = await failureWithFields(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "nope.csv" })),
    );
    expect(key).toMatchObject({ name: "NotFound", message: "UnknownError", status: 404 });
    const bucket = await failureWithFields(
      client.send(new HeadBucketCommand({ Bucket: "no-such-bucket-here" })),
    );
    expect(bucket).toMatchObject({ name: "NotFound", message: "UnknownError", status: 404 });
  });

  test("answers HEAD of a forbidden object with a bodyless 403 the SDK can only call Unknown", async ({
    start,
  }) => {
    const e = await start();
    expect(
      await failureWithFields(
        s3(e, e.credentials("B:admin")).send(new HeadObjectCommand({ Bucket: BUCKET, Key: SALES_KEY })),
      ),
    ).toMatchObject({ name: "Unknown", message: "UnknownError", status: 403 });
  });

  test("tells the bucket's region in HeadBucket even when access is denied", async ({ start }) => {
    const e = await start();
    const err = await failureWithFields(
      s3(e, e.credentials("B:admin")).send(new HeadBucketCommand({ Bucket: BUCKET })),
    );
    expect(err.status).toBe(403);
    const ok = await s3(e, copyRoleCredentials(e)).send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(ok.BucketRegion).toBe(REGION);
  });
});
