import { ListObjectsV2Command, type ListObjectsV2CommandOutput, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failure } from "../../support/clients.ts";
import { A, REGION } from "../../support/constants.ts";
import { fileSetup, seedWith, test } from "../../support/emulator-fixture.ts";
import { s3 } from "./s3-test-clients.ts";

const LISTED = "chaincheck-listing";
const KEYS = [
  "2024/01/a.csv",
  "2024/01/b.csv",
  "2024/02/c.csv",
  "2025/01/d.csv",
  "readme.txt",
  "space key.txt",
];

fileSetup(
  seedWith({
    s3Buckets: [
      { account: A, region: REGION, name: LISTED, objects: KEYS.map((key) => ({ key, body: key })) },
    ],
  }),
);

const client = (emu: RunningEmulator) => s3(emu, emu.credentials("A:tester"));

describe("ListObjectsV2", () => {
  test("lists every key in binary order with sizes, ETags and KeyCount", async ({ emu }) => {
    const out = await client(emu).send(new ListObjectsV2Command({ Bucket: LISTED }));
    expect(out.Contents?.map((c) => c.Key)).toEqual(KEYS);
    expect(out.KeyCount).toBe(KEYS.length);
    expect(out.IsTruncated).toBe(false);
    expect(out.MaxKeys).toBe(1000);
    expect(out.Contents?.[0]).toMatchObject({ Size: KEYS[0]!.length, StorageClass: "STANDARD" });
    expect(out.Contents?.[0]?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  test("pages with max-keys and continuation tokens until IsTruncated is false", async ({ emu }) => {
    const pages: ListObjectsV2CommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await client(emu).send(
        new ListObjectsV2Command({ Bucket: LISTED, MaxKeys: 4, ContinuationToken: token }),
      );
      pages.push(page);
      token = page.NextContinuationToken;
    } while (token);
    expect(pages.map((p) => p.KeyCount)).toEqual([4, 2]);
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, false]);
    expect(pages.flatMap((p) => p.Contents?.map((c) => c.Key) ?? [])).toEqual(KEYS);
    expect(pages[1]?.ContinuationToken).toBe(pages[0]?.NextContinuationToken);
  });

  test("rolls keys up into CommonPrefixes with a delimiter and counts them in KeyCount", async ({ emu }) => {
    const out = await client(emu).send(new ListObjectsV2Command({ Bucket: LISTED, Delimiter: "/" }));
    expect(out.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["2024/", "2025/"]);
    expect(out.Contents?.map((c) => c.Key)).toEqual(["readme.txt", "space key.txt"]);
    expect(out.KeyCount).toBe(4);
    expect(out.Delimiter).toBe("/");
  });

  test("combines prefix and delimiter, and pages across common prefixes", async ({ emu }) => {
    const first = await client(emu).send(
      new ListObjectsV2Command({ Bucket: LISTED, Prefix: "2024/", Delimiter: "/", MaxKeys: 1 }),
    );
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["2024/01/"]);
    expect(first.IsTruncated).toBe(true);
    const second = await client(emu).send(
      new ListObjectsV2Command({
        Bucket: LISTED,
        Prefix: "2024/",
        Delimiter: "/",
        MaxKeys: 1,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(["2024/02/"]);
    expect(second.IsTruncated).toBe(false);
  });

  test("starts after a given key", async ({ emu }) => {
    const out = await client(emu).send(
      new ListObjectsV2Command({ Bucket: LISTED, StartAfter: "2024/02/c.csv" }),
    );
    expect(out.Contents?.map((c) => c.Key)).toEqual(["2025/01/d.csv", "readme.txt", "space key.txt"]);
    expect(out.StartAfter).toBe("2024/02/c.csv");
  });

  test("URL-encodes keys when asked for encoding-type url", async ({ emu }) => {
    const out = await client(emu).send(
      new ListObjectsV2Command({ Bucket: LISTED, Prefix: "space", EncodingType: "url" }),
    );
    expect(out.EncodingType).toBe("url");
    expect(out.Contents?.map((c) => c.Key)).toEqual(["space%20key.txt"]);
  });

  test("returns an empty, untruncated page for a prefix with no keys", async ({ emu }) => {
    const out = await client(emu).send(new ListObjectsV2Command({ Bucket: LISTED, Prefix: "2030/" }));
    expect(out.KeyCount).toBe(0);
    expect(out.Contents).toBeUndefined();
    expect(out.IsTruncated).toBe(false);
  });

  test("rejects a continuation token it did not issue", async ({ emu }) => {
    expect(
      await failure(
        client(emu).send(new ListObjectsV2Command({ Bucket: LISTED, ContinuationToken: "bm90LWEtdG9rZW4=" })),
      ),
    ).toMatchObject({
      name: "InvalidArgument",
      message: "The continuation token provided is incorrect",
      status: 400,
    });
  });

  test("lists an object right after it is written", async ({ emu }) => {
    await client(emu).send(new PutObjectCommand({ Bucket: LISTED, Key: "zz/new.csv", Body: "n" }));
    const out = await client(emu).send(new ListObjectsV2Command({ Bucket: LISTED, Prefix: "zz/" }));
    expect(out.Contents?.map((c) => [c.Key, c.ChecksumAlgorithm])).toEqual([["zz/new.csv", ["CRC32"]]]);
  });
});
