import { GetObjectCommand, HeadBucketCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { copyRoleCredentials, failureWithFields } from "../../support/clients.ts";
import { BUCKET, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { SALES_KEY, s3, virtualHostedS3 } from "./s3-test-clients.ts";

const REDIRECT =
  "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.";

describe("a bucket addressed through another region", () => {
  test("GetObject gets 301 PermanentRedirect with the bucket's endpoint", async ({ start }) => {
    const emu = await start();
    const client = s3(emu, copyRoleCredentials(emu), { region: "us-east-1" });
    const err = await failureWithFields(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY })),
    );
    expect(err).toMatchObject({ name: "PermanentRedirect", message: REDIRECT, status: 301 });
    expect(err.fields.Endpoint).toBe(`${BUCKET}.s3.${REGION}.amazonaws.com`);
    expect(err.fields.Bucket).toBe(BUCKET);
  });

  test("ListObjectsV2 gets the same 301 before any permission check", async ({ start }) => {
    const emu = await start();
    const client = s3(emu, emu.credentials("B:admin"), { region: "eu-west-1" });
    expect(await failureWithFields(client.send(new ListObjectsV2Command({ Bucket: BUCKET })))).toMatchObject({
      name: "PermanentRedirect",
      message: REDIRECT,
      status: 301,
    });
  });

  test("HeadBucket gets a bodyless 301 the SDK cannot name", async ({ start }) => {
    const emu = await start();
    const client = s3(emu, copyRoleCredentials(emu), { region: "us-east-1" });
    expect(await failureWithFields(client.send(new HeadBucketCommand({ Bucket: BUCKET })))).toMatchObject({
      name: "Unknown",
      message: "UnknownError",
      status: 301,
    });
  });

  test("the SDK follows the redirect to the bucket's region when followRegionRedirects is on", async ({
    start,
  }) => {
    const emu = await start();
    const client = s3(emu, copyRoleCredentials(emu), { region: "us-east-1", followRegionRedirects: true });
    const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY }));
    expect(await out.Body?.transformToString()).toContain("osaka");
    const head = await client.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(head.BucketRegion).toBe(REGION);
  });
});

describe("virtual-hosted style on <bucket>.s3.<region>.localhost", () => {
  test("reads an object addressed by host name", async ({ start }) => {
    const emu = await start();
    const out = await virtualHostedS3(emu, copyRoleCredentials(emu)).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY }),
    );
    expect(await out.Body?.transformToString()).toContain("nagoya");
  });

  test("the bucket's regional endpoint signed for another region is AuthorizationHeaderMalformed", async ({
    start,
  }) => {
    const emu = await start();
    const client = virtualHostedS3(emu, copyRoleCredentials(emu), { signingRegion: "us-west-2" });
    const err = await failureWithFields(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY })),
    );
    expect(err).toMatchObject({
      name: "AuthorizationHeaderMalformed",
      message: `The authorization header is malformed; the region 'us-west-2' is wrong; expecting '${REGION}'`,
      status: 400,
    });
    expect(err.fields.Region).toBe(REGION);
  });

  test("another region's endpoint is a 301 even when signed for that region", async ({ start }) => {
    const emu = await start();
    const client = virtualHostedS3(emu, copyRoleCredentials(emu), {
      hostRegion: "us-west-2",
      signingRegion: "us-west-2",
    });
    expect(
      await failureWithFields(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY }))),
    ).toMatchObject({ name: "PermanentRedirect", status: 301 });
  });
});
