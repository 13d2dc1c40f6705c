import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListPartsCommand,
  PutBucketVersioningCommand,
  PutObjectTaggingCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, test } from "vitest";
import { failure } from "../../support/clients.ts";
import { BUCKET, SEED } from "../../support/constants.ts";
import { fileEmulator } from "../../support/emulator-fixture.ts";
import { SALES_KEY, s3 } from "./s3-test-clients.ts";

const NOT_IMPLEMENTED = {
  name: "NotImplemented",
  message: "A header you provided implies functionality that is not implemented.",
  status: 501,
};

const emu = fileEmulator(SEED);
let client: S3Client;
beforeAll(() => {
  client = s3(emu, emu.credentials("A:tester"));
});

function withoutSdkHint<T extends { middlewareStack: { add: (...args: never[]) => void } }>(command: T): T {
  (command.middlewareStack.add as (mw: unknown, opts: unknown) => void)(
    (next: (args: unknown) => Promise<unknown>) =>
      async (args: { request: { query?: Record<string, unknown> } }) => {
        delete args.request.query?.["x-id"];
        return next(args);
      },
    { step: "build" },
  );
  return command;
}

async function notImplemented(call: Promise<unknown>) {
  const e = await failure(call);
  expect({ name: e.name, message: e.message, status: e.status }).toEqual(NOT_IMPLEMENTED);
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe("S3 sub-resources the emulator does not implement", () => {
  test("PUT ?versioning answers 501 NotImplemented, not CreateBucket's success", async () => {
    await notImplemented(
      client.send(
        new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } }),
      ),
    );
  });

  test("UploadPart answers 501 and creates no object, with or without the SDK's x-id hint", async () => {
    const part = { Bucket: BUCKET, Key: "scratch/part-1", UploadId: "u1", PartNumber: 1, Body: "part" };
    await notImplemented(client.send(new UploadPartCommand(part)));
    await notImplemented(client.send(withoutSdkHint(new UploadPartCommand(part))));
    expect(await objectExists("scratch/part-1")).toBe(false);
  });

  test("ListParts and GetObjectAttributes answer 501, not GetObject's body", async () => {
    await notImplemented(
      client.send(new ListPartsCommand({ Bucket: BUCKET, Key: SALES_KEY, UploadId: "u1" })),
    );
    await notImplemented(
      client.send(withoutSdkHint(new ListPartsCommand({ Bucket: BUCKET, Key: SALES_KEY, UploadId: "u1" }))),
    );
    await notImplemented(
      client.send(
        new GetObjectAttributesCommand({ Bucket: BUCKET, Key: SALES_KEY, ObjectAttributes: ["ETag"] }),
      ),
    );
  });

  test("AbortMultipartUpload answers 501 and leaves the object in place", async () => {
    const abort = { Bucket: BUCKET, Key: SALES_KEY, UploadId: "u1" };
    await notImplemented(client.send(new AbortMultipartUploadCommand(abort)));
    await notImplemented(client.send(withoutSdkHint(new AbortMultipartUploadCommand(abort))));
    expect(await objectExists(SALES_KEY)).toBe(true);
  });

  test("CopyObject answers 501 and stores no empty copy, with or without the SDK's x-id hint", async () => {
    const copy = { Bucket: BUCKET, Key: "scratch/copy.csv", CopySource: `${BUCKET}/${SALES_KEY}` };
    await notImplemented(client.send(new CopyObjectCommand(copy)));
    await notImplemented(client.send(withoutSdkHint(new CopyObjectCommand(copy))));
    expect(await objectExists("scratch/copy.csv")).toBe(false);
  });

  test("object tagging and ListObjects (v1) answer 501", async () => {
    await notImplemented(
      client.send(new PutObjectTaggingCommand({ Bucket: BUCKET, Key: SALES_KEY, Tagging: { TagSet: [] } })),
    );
    await notImplemented(client.send(new ListObjectsCommand({ Bucket: BUCKET })));
  });

  test("GetObject itself still reads the object", async () => {
    const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY }));
    expect(await out.Body?.transformToString()).toContain("fukuoka");
  });
});
