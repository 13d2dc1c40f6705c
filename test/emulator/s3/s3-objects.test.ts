import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
} from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { computeChecksum } from "../../../emulator/s3/index.ts";
import { copyRoleCredentials, failureWithFields } from "../../support/clients.ts";
import { BUCKET, COPY_ROLE_ARN } from "../../support/constants.ts";
import { fileSetup, seedWith, test } from "../../support/emulator-fixture.ts";
import { allow } from "../../support/policy-layers.ts";
import { allowAll, bucketPolicy, copyRoleWith, SALES_KEY, s3 } from "./s3-test-clients.ts";

fileSetup(
  seedWith({
    ...copyRoleWith(allowAll(["s3:GetObject", "s3:DeleteObject"], [`arn:aws:s3:::${BUCKET}/*`])),
    ...bucketPolicy([
      allow(["s3:GetObject", "s3:DeleteObject"], `arn:aws:s3:::${BUCKET}/scratch/*`, {
        Principal: { AWS: COPY_ROLE_ARN },
      }),
    ]),
  }),
);

const tester = (emu: RunningEmulator) => s3(emu, emu.credentials("A:tester"));
const md5 = (s: string) => `"${createHash("md5").update(s).digest("hex")}"`;
const SALES = "id,region,amount\n2,osaka,80.00\n3,nagoya,42.25\n4,fukuoka,310.75\n";

describe("GetObject ranges", () => {
  test("returns 206 with Content-Range for a byte range", async ({ emu }) => {
    const out = await tester(emu).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY, Range: "bytes=0-15" }),
    );
    expect(out.$metadata.httpStatusCode).toBe(206);
    expect(out.ContentRange).toBe(`bytes 0-15/${SALES.length}`);
    expect(out.ContentLength).toBe(16);
    expect(await out.Body?.transformToString()).toBe("id,region,amount");
  });

  test("serves a suffix range and clips an open range at the end", async ({ emu }) => {
    const suffix = await tester(emu).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY, Range: "bytes=-7" }),
    );
    expect(await suffix.Body?.transformToString()).toBe("310.75\n");
    const open = await tester(emu).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY, Range: `bytes=${SALES.length - 3}-9999` }),
    );
    expect(open.ContentRange).toBe(`bytes ${SALES.length - 3}-${SALES.length - 1}/${SALES.length}`);
  });

  test("answers 416 InvalidRange for a range past the end", async ({ emu }) => {
    const err = await failureWithFields(
      tester(emu).send(new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY, Range: "bytes=1000-" })),
    );
    expect(err).toMatchObject({
      name: "InvalidRange",
      message: "The requested range is not satisfiable",
      status: 416,
    });
    expect(err.fields.ActualObjectSize).toBe(String(SALES.length));
  });

  test("ignores a range it cannot parse and sends the whole object", async ({ emu }) => {
    const out = await tester(emu).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY, Range: "lines=1-2" }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.ContentLength).toBe(SALES.length);
  });
});

describe("PutObject bodies, ETags and checksums", () => {
  test("stores an aws-chunked upload with a CRC32 trailer and returns the MD5 ETag and checksum", async ({
    emu,
  }) => {
    const body = "a,b\n1,2\n";
    const out = await tester(emu).send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "uploads/chunked.csv",
        Body: Readable.from([Buffer.from(body)]),
        ContentLength: body.length,
        ChecksumAlgorithm: "CRC32",
      }),
    );
    expect(out.ETag).toBe(md5(body));
    expect(out.ChecksumCRC32).toBe(computeChecksum("CRC32", Buffer.from(body)));
    const back = await tester(emu).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: "uploads/chunked.csv", ChecksumMode: "ENABLED" }),
    );
    expect(back.ChecksumCRC32).toBe(out.ChecksumCRC32);
    expect(await back.Body?.transformToString()).toBe(body);
  });

  test("validates checksum headers and returns CRC32C and SHA256 ones", async ({ emu }) => {
    const body = Buffer.from("checksummed\n");
    const out = await tester(emu).send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "uploads/sha.txt",
        Body: body,
        ChecksumSHA256: createHash("sha256").update(body).digest("base64"),
      }),
    );
    expect(out.ChecksumSHA256).toBe(createHash("sha256").update(body).digest("base64"));
    const c = await tester(emu).send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/c.txt", Body: body, ChecksumAlgorithm: "CRC32C" }),
    );
    expect(c.ChecksumCRC32C).toBe(computeChecksum("CRC32C", body));
  });

  test.for<[string, object, string]>([
    [
      "rejects a SHA256 checksum that does not match the body with BadDigest",
      {
        Key: "uploads/bad.txt",
        Body: Buffer.from("real body"),
        ChecksumSHA256: createHash("sha256").update("other body").digest("base64"),
      },
      "The SHA256 you specified did not match the calculated checksum.",
    ],
    [
      "rejects a Content-MD5 that does not match with BadDigest",
      {
        Key: "uploads/md5.txt",
        Body: "real body",
        ContentMD5: createHash("md5").update("other").digest("base64"),
      },
      "The Content-MD5 you specified did not match what we received.",
    ],
  ])("%s", async ([, input, message], { emu }) => {
    expect(
      await failureWithFields(
        tester(emu).send(new PutObjectCommand({ Bucket: BUCKET, ...input } as PutObjectCommandInput)),
      ),
    ).toMatchObject({ name: "BadDigest", message, status: 400 });
  });

  test("gives seeded objects the CRC64NVME checksum the SDK validates on read", async ({ emu }) => {
    const out = await tester(emu).send(
      new GetObjectCommand({ Bucket: BUCKET, Key: SALES_KEY, ChecksumMode: "ENABLED" }),
    );
    expect(out.ChecksumCRC64NVME).toBe(computeChecksum("CRC64NVME", Buffer.from(SALES)));
    expect(await out.Body?.transformToString()).toBe(SALES);
    expect(out.ETag).toBe(md5(SALES));
  });

  test("keeps content type and user metadata for HeadObject", async ({ emu }) => {
    await tester(emu).send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "uploads/meta.json",
        Body: "{}",
        ContentType: "application/json",
        Metadata: { origin: "test" },
      }),
    );
    const head = await tester(emu).send(new HeadObjectCommand({ Bucket: BUCKET, Key: "uploads/meta.json" }));
    expect(head).toMatchObject({
      ContentType: "application/json",
      ContentLength: 2,
      Metadata: { origin: "test" },
    });
  });
});

describe("deleting objects", () => {
  test("DeleteObject answers 204 whether or not the key exists", async ({ emu }) => {
    await tester(emu).send(new PutObjectCommand({ Bucket: BUCKET, Key: "scratch/one", Body: "1" }));
    const first = await tester(emu).send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "scratch/one" }));
    const again = await tester(emu).send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "scratch/one" }));
    expect([first.$metadata.httpStatusCode, again.$metadata.httpStatusCode]).toEqual([204, 204]);
    const err = await failureWithFields(
      tester(emu).send(new GetObjectCommand({ Bucket: BUCKET, Key: "scratch/one" })),
    );
    expect(err.name).toBe("NoSuchKey");
  });

  test("DeleteObjects reports per-key AccessDenied for keys the caller may not delete", async ({ emu }) => {
    for (const key of ["scratch/a", "keep/b"]) {
      await tester(emu).send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
    const out = await s3(emu, copyRoleCredentials(emu)).send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: "scratch/a" }, { Key: "keep/b" }] },
      }),
    );
    expect(out.Deleted?.map((d) => d.Key)).toEqual(["scratch/a"]);
    expect(out.Errors).toEqual([{ Key: "keep/b", Code: "AccessDenied", Message: "Access Denied" }]);
    const kept = await tester(emu).send(new HeadObjectCommand({ Bucket: BUCKET, Key: "keep/b" }));
    expect(kept.ContentLength).toBe(6);
  });

  test("DeleteObjects in quiet mode lists only failures", async ({ emu }) => {
    await tester(emu).send(new PutObjectCommand({ Bucket: BUCKET, Key: "scratch/q", Body: "q" }));
    const out = await tester(emu).send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: "scratch/q" }], Quiet: true } }),
    );
    expect(out.Deleted ?? []).toEqual([]);
    expect(out.Errors ?? []).toEqual([]);
  });
});
