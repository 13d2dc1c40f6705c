import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failureWithFields } from "../../support/clients.ts";
import { A, BUCKET, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";
import { refusalTests } from "../../support/refusals.ts";
import { s3 } from "./s3-test-clients.ts";

const policy = (statement: object) => JSON.stringify(policyDocument(statement));

const createBucket = (
  e: RunningEmulator,
  principal: string,
  bucket: string,
  region?: BucketLocationConstraint,
) =>
  s3(e, e.credentials(principal)).send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(region ? { CreateBucketConfiguration: { LocationConstraint: region } } : {}),
    }),
  );

describe("CreateBucket", () => {
  test("creates a bucket in the region the request was sent to and reports it in GetBucketLocation", async ({
    start,
  }) => {
    const e = await start();
    const client = s3(e, e.credentials("B:admin"));
    const out = await client.send(
      new CreateBucketCommand({
        Bucket: "b-staging",
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
    expect(out.Location).toBe("http://b-staging.s3.amazonaws.com/");
    expect(out.BucketArn).toBe("arn:aws:s3:::b-staging");
    const location = await client.send(new GetBucketLocationCommand({ Bucket: "b-staging" }));
    expect(location.LocationConstraint).toBe(REGION);
  });

  refusalTests([
    {
      test: "refuses a name another account holds with BucketAlreadyExists",
      call: (e) => createBucket(e, "B:admin", BUCKET, REGION),
      error: {
        name: "BucketAlreadyExists",
        message:
          "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
        status: 409,
      },
    },
    {
      test: "refuses the caller's own bucket outside us-east-1 with BucketAlreadyOwnedByYou",
      call: (e) => createBucket(e, "A:tester", BUCKET, REGION),
      error: {
        name: "BucketAlreadyOwnedByYou",
        message: "Your previous request to create the named bucket succeeded and you already own it.",
        status: 409,
      },
    },
    {
      test: "refuses a location constraint that differs from the endpoint's region",
      call: (e) => createBucket(e, "A:tester", "a-mismatch", "eu-west-1"),
      error: {
        name: "IllegalLocationConstraintException",
        message:
          "The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.",
        status: 400,
      },
    },
    {
      test: "refuses an invalid bucket name",
      call: (e) => createBucket(e, "A:tester", "Bad_Name"),
      error: { name: "InvalidBucketName", message: "The specified bucket is not valid.", status: 400 },
    },
  ]);

  test("accepts re-creating the caller's own us-east-1 bucket", async ({ start }) => {
    const e = await start();
    const client = s3(e, e.credentials("A:tester"), { region: "us-east-1" });
    await client.send(new CreateBucketCommand({ Bucket: "a-virginia" }));
    const again = await client.send(new CreateBucketCommand({ Bucket: "a-virginia" }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    const location = await client.send(new GetBucketLocationCommand({ Bucket: "a-virginia" }));
    expect(location.LocationConstraint ?? "").toBe("");
  });
});

describe("bucket policies", () => {
  test("reads back a policy that was put, and NoSuchBucketPolicy once deleted", async ({ start }) => {
    const e = await start();
    const client = s3(e, e.credentials("A:tester"));
    const text = policy(
      allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: COPY_ROLE_ARN } }),
    );
    await client.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: text }));
    expect((await client.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(text);
    const deleted = await client.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const err = await failureWithFields(client.send(new GetBucketPolicyCommand({ Bucket: BUCKET })));
    expect(err).toMatchObject({
      name: "NoSuchBucketPolicy",
      message: "The bucket policy does not exist",
      status: 404,
    });
    expect(err.fields.BucketName).toBe(BUCKET);
  });

  test.for<[string, object, string]>([
    [
      "a resource outside the bucket",
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::other-bucket/*" },
      "Policy has invalid resource",
    ],
    [
      "a Resource of *",
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
      "Policy has invalid resource",
    ],
    [
      "an object action on the bucket ARN only",
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}` },
      "Action does not apply to any resource(s) in statement",
    ],
    [
      "a role that does not exist",
      allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, {
        Principal: { AWS: `arn:aws:iam::${A}:role/no-such-role` },
      }),
      "Invalid principal in policy",
    ],
    [
      "no Principal",
      { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` },
      "Missing required field Principal",
    ],
  ])("rejects %s with MalformedPolicy", async ([_what, statement, message], { start }) => {
    const e = await start();
    expect(
      await failureWithFields(
        s3(e, e.credentials("A:tester")).send(
          new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: policy(statement) }),
        ),
      ),
    ).toMatchObject({ name: "MalformedPolicy", message, status: 400 });
  });

  test("rejects text that is not JSON", async ({ start }) => {
    const e = await start();
    expect(
      await failureWithFields(
        s3(e, e.credentials("A:tester")).send(
          new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: "Version: 1" }),
        ),
      ),
    ).toMatchObject({
      name: "MalformedPolicy",
      message: "Policies must be valid JSON and the first byte must be '{'",
    });
  });

  test("is denied to another account without s3:GetBucketPolicy in the bucket policy", async ({ start }) => {
    const e = await start();
    expect(
      await failureWithFields(
        s3(e, e.credentials("B:admin")).send(new GetBucketPolicyCommand({ Bucket: BUCKET })),
      ),
    ).toMatchObject({ name: "AccessDenied", message: "Access Denied", status: 403 });
  });
});

describe("ownership controls", () => {
  test("defaults to BucketOwnerEnforced, which refuses ACLs on upload", async ({ start }) => {
    const e = await start();
    const client = s3(e, e.credentials("A:tester"));
    const out = await client.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }));
    expect(out.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
    expect(
      await failureWithFields(
        client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "acl.txt", Body: "x", ACL: "public-read" })),
      ),
    ).toMatchObject({
      name: "AccessControlListNotSupported",
      message: "The bucket does not allow ACLs",
    });
  });

  test("stores a new ObjectOwnership setting", async ({ start }) => {
    const e = await start();
    const client = s3(e, e.credentials("A:tester"));
    await client.send(
      new PutBucketOwnershipControlsCommand({
        Bucket: BUCKET,
        OwnershipControls: { Rules: [{ ObjectOwnership: "ObjectWriter" }] },
      }),
    );
    const out = await client.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }));
    expect(out.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: "ObjectWriter" }]);
  });
});
