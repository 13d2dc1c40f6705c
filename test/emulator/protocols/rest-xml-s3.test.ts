import { Readable } from "node:stream";
import {
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { describe, expect, test } from "vitest";
import { failureOf } from "../core/sdk-clients.ts";
import { fileTestEmulator } from "../core/start-test-emulator.ts";
import { lastPutHeaders, s3TestService, storedObject } from "./test-services.ts";

const emu = fileTestEmulator([s3TestService]);

const s3 = () => emu.client(S3Client, "us-east-1", { forcePathStyle: true });

describe("restXml through the real S3 client", () => {
  test("PutObject with a CRC32 checksum arrives aws-chunked and is stored decoded", async () => {
    const body = "id,name\n1,alpha\n2,beta\n";
    const out = await s3().send(
      new PutObjectCommand({
        Bucket: "copy-src",
        Key: "in/data 1.csv",
        Body: Readable.from([Buffer.from(body)]),
        ContentLength: body.length,
        ChecksumAlgorithm: "CRC32",
      }),
    );
    expect(out.ETag).toBe('"etag-1"');
    expect(storedObject("copy-src", "in/data 1.csv")?.toString("utf8")).toBe(body);
    expect(lastPutHeaders()["x-amz-content-sha256"]).toBe("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    expect(lastPutHeaders()["content-encoding"]).toContain("aws-chunked");
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("GetObject returns the stored bytes and headers", async () => {
    await s3().send(
      new PutObjectCommand({ Bucket: "copy-src", Key: "a.txt", Body: "hello", ContentType: "text/plain" }),
    );
    const out = await s3().send(new GetObjectCommand({ Bucket: "copy-src", Key: "a.txt" }));
    expect(await out.Body?.transformToString()).toBe("hello");
    expect(out.ContentType).toBe("text/plain");
    expect(out.ETag).toBe('"etag-1"');
  });

  test("ListObjectsV2 routes on list-type=2 and decodes flattened Contents with dates", async () => {
    await s3().send(new PutObjectCommand({ Bucket: "listing", Key: "k1", Body: "12345" }));
    const out = await s3().send(new ListObjectsV2Command({ Bucket: "listing" }));
    expect(out.Name).toBe("listing");
    expect(out.KeyCount).toBe(1);
    expect(out.IsTruncated).toBe(false);
    expect(out.Contents?.[0]?.Key).toBe("k1");
    expect(out.Contents?.[0]?.Size).toBe(5);
    expect(out.Contents?.[0]?.LastModified).toBeInstanceOf(Date);
  });

  test("a query-literal route beats the plain bucket route", async () => {
    const out = await s3().send(new GetBucketPolicyCommand({ Bucket: "listing" }));
    expect(out.Policy).toBe('{"Version":"2012-10-17"}');
  });

  test("GetObject of a missing key is NoSuchKey with the S3 error body", async () => {
    const err = await failureOf(s3().send(new GetObjectCommand({ Bucket: "copy-src", Key: "nope" })));
    expect(err.name).toBe("NoSuchKey");
    expect(err.message).toBe("The specified key does not exist.");
    expect(err.Key).toBe("nope");
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  test("HeadObject 404 has no body, so the SDK reports NotFound with its UnknownError message", async () => {
    const err = await failureOf(s3().send(new HeadObjectCommand({ Bucket: "copy-src", Key: "nope" })));
    expect(err.name).toBe("NotFound");
    expect(err.message).toBe("UnknownError");
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  test("HeadObject of a stored key carries its length and S3's two request id headers", async () => {
    const out = await s3().send(new HeadObjectCommand({ Bucket: "copy-src", Key: "a.txt" }));
    expect(out.ContentLength).toBe(5);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.$metadata.extendedRequestId).toMatch(/^[A-Za-z0-9+/=]{64}$/);
  });
});
