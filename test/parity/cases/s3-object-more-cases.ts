import { randomBytes } from "node:crypto";
import { DeleteObjectsCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import { bucket, decodeListing, get, list, put } from "./s3-object-cases.ts";

export const s3ObjectMoreCases: ParityCase[] = [
  {
    key: "TestS3::test_metadata_header_character_decoding",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "key-with-metadata";
      await t.call(put(t, { Bucket, Key, Metadata: { TEST_META_1: "foo", __meta_2: "bar" }, Body: "foo" }));
      await t.match("head-object", t.clients.s3.send(new HeadObjectCommand({ Bucket, Key })));
    },
  },
  {
    key: "TestS3::test_putobject_with_multiple_keys",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "aws/key1/key2/key3";
      await t.call(put(t, { Bucket, Key, Body: "test" }));
      await t.match("get_object", get(t, { Bucket, Key }));
    },
  },
  {
    key: "TestS3::test_range_header_body_length",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "sample.bin";
      await t.call(put(t, { Bucket, Key, Body: randomBytes(2048) }));
      await t.match("get-object", get(t, { Bucket, Key, Range: "bytes=0-1023" }));
      await t.match("get-object-2", get(t, { Bucket, Key, Range: "bytes=1024-2048" }));
    },
  },
  {
    key: "TestS3::test_delete_non_existing_keys_quiet",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "test-key-nonexistent";
      await t.call(put(t, { Bucket, Key, Body: "something" }));
      const Objects = [{ Key }, { Key: "dummy1" }, { Key: "dummy2" }];
      await t.match(
        "deleted-resp",
        t.clients.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } })),
      );
    },
  },
  {
    key: "TestS3::test_empty_bucket_fixture",
    async run(t) {
      const Bucket = await bucket(t);
      for (const i of [0, 1, 2]) await t.call(put(t, { Bucket, Key: `key${i}`, Body: "123" }));
      const listed = await t.match("list-obj", list(t, Bucket), decodeListing);
      const Objects = (listed?.Contents ?? []).map((c) => ({ Key: decodeURIComponent(c.Key ?? "") }));
      await t.call(t.clients.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } })));
      await t.match("list-obj-after-empty", list(t, Bucket), decodeListing);
    },
  },
  {
    key: "TestS3::test_put_get_object_single_character_trailing_slash",
    async run(t) {
      const Bucket = await bucket(t);
      for (const Key of ["a/", "t/", "u/"]) {
        await t.match(`put-object-single-char-${Key}`, put(t, { Bucket, Key, Body: "test" }));
        await t.match(`get-object-single-char-${Key}`, get(t, { Bucket, Key }));
      }
      await t.match("list-objects-single-char", list(t, Bucket), decodeListing);
    },
  },
];
