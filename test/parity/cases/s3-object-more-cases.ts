import { createHash, randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  type GetObjectCommandInput,
  HeadObjectCommand,
  ListBucketsCommand,
} from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { bucket, decodeListing, get, list, put } from "./s3-object-cases.ts";

const ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

function preconditionsCase(method: "get_object" | "head_object"): ParityCase {
  return {
    key: `TestS3::test_s3_get_object_preconditions[${method}]`,
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "test-object";
      const read = (input: Omit<GetObjectCommandInput, "Bucket" | "Key">) =>
        method === "get_object"
          ? get(t, { Bucket, Key, ...input })
          : t.clients.s3.send(new HeadObjectCommand({ Bucket, Key, ...input }));
      const written = await t.call(put(t, { Bucket, Key, Body: "data" }));
      const head = await t.call(t.clients.s3.send(new HeadObjectCommand({ Bucket, Key })));
      const now = new Date();
      const dayBefore = new Date(now.getTime() - 86_400_000);
      const etag = written.ETag!;
      await t.match(
        "precondition-if-match",
        read({ IfModifiedSince: now, IfUnmodifiedSince: dayBefore, IfMatch: "etag123", IfNoneMatch: etag }),
      );
      await t.match(
        "precondition-if-unmodified-since",
        read({ IfModifiedSince: now, IfUnmodifiedSince: dayBefore, IfNoneMatch: etag }),
      );
      await t.match("precondition-if-none-match", read({ IfModifiedSince: now, IfNoneMatch: etag }));
      await t.match("copy-precondition-if-modified-since", read({ IfModifiedSince: now }));
      await t.match(
        "obj-ignore-future-modified-since",
        read({ IfModifiedSince: new Date(now.getTime() + 86_400_000) }),
      );
      await t.match(
        "etag-missing-quotes",
        read({ IfModifiedSince: now, IfNoneMatch: etag.replace(/"/g, "") }),
      );
      await t.match(
        "precondition-if-unmodified-since-is-object",
        read({ IfUnmodifiedSince: head.LastModified }),
      );
      await t.match("precondition-if-modified-since-is-object", read({ IfModifiedSince: head.LastModified }));
      await t.match(
        "obj-success",
        read({
          IfMatch: etag.replace(/"/g, ""),
          IfNoneMatch: "etag123",
          IfModifiedSince: dayBefore,
          IfUnmodifiedSince: now,
        }),
      );
    },
  };
}

async function metadataRoundTrip(t: ParityRun, Metadata: Record<string, string>) {
  const Bucket = await bucket(t);
  await t.match("put-object", put(t, { Bucket, Key: "test", Metadata }));
  await t.match("get-object", get(t, { Bucket, Key: "test" }));
}

export const s3ObjectMoreCases: ParityCase[] = [
  preconditionsCase("get_object"),
  preconditionsCase("head_object"),
  {
    key: "TestS3::test_user_metadata_rfc2047_encoded",
    run: (t) =>
      metadataRoundTrip(t, {
        "non-ascii": "=?UTF-8?Q?test=5F=E2=80=94=5Ffile%E2%80%94=5F=C3=A9=5F2=3F.pdf?=",
        "non-ascii-2": "=?UTF-8?Q?=C3=84M=C3=84Z=C3=95=C3=91_S3?=",
        "non-ascii-binary": "=?UTF-8?B?AAECAw==?=",
        "replacement-chars": "=?UTF-8?B?77+977+977+977+977+977+977+9?=",
        "fake-encoded": "=?UTF-8?Q?actually-ascii?=",
        "asciib64-encoded": "=?UTF-8?B?YWJj?=",
        "safe-chars": `${ASCII_PUNCTUATION} \t`,
      }),
  },
  {
    key: "TestS3::test_user_metadata_rfc2047_bad_b64_encoded",
    run: (t) => metadataRoundTrip(t, { "bad-b64-encoded": "=?UTF-8?B?=GGG?=" }),
  },
  {
    key: "TestS3::test_upload_file_with_xml_preamble",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = t.name("key");
      await t.call(put(t, { Bucket, Key, Body: '<?xml version="1.0" encoding="UTF-8"?><test/>' }));
      await t.match("get_object", get(t, { Bucket, Key }));
    },
  },
  {
    key: "TestS3::test_upload_big_file",
    async run(t) {
      const Bucket = await bucket(t, t.name("bucket"));
      const Key = "test_key1";
      await t.match("put_object_key1", put(t, { Bucket, Key, Body: "\x01".repeat(10_000_000) }));
      await t.match("put_object_key2", put(t, { Bucket, Key, Body: "a".repeat(10_000_000) }));
      const head = () => t.clients.s3.send(new HeadObjectCommand({ Bucket, Key }));
      await t.match("head_object_key1", head());
      await t.match("head_object_key2", head());
    },
  },
  {
    key: "TestS3PutObjectChecksum::test_s3_checksum_no_algorithm",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = t.name("file");
      const Body = "test data..";
      await t.match(
        "put-wrong-checksum",
        put(t, { Bucket, Key, Body, ChecksumSHA256: t.name("x").slice(-8) }),
      );
      await t.match(
        "put-2-checksums",
        put(t, {
          Bucket,
          Key,
          Body,
          ChecksumSHA256: t.name("x").slice(-8),
          ChecksumCRC32: t.name("y").slice(-8),
        }),
      );
      const sha256 = createHash("sha256").update(Body).digest("base64");
      await t.match("put-right-checksum", put(t, { Bucket, Key, Body, ChecksumSHA256: sha256 }));
      await t.match(
        "head-obj",
        t.clients.s3.send(new HeadObjectCommand({ Bucket, Key, ChecksumMode: "ENABLED" })),
      );
    },
  },
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

/** A header value as boto3 puts it on the wire (UTF-8 bytes), which Node sends only as Latin-1 text. */
const asWireBytes = (text: string) => Buffer.from(text, "utf8").toString("latin1");

export const s3SystemMetadataCases: ParityCase[] = [
  {
    key: "TestS3::test_s3_upload_download_gzip",
    async run(t) {
      const Bucket = await bucket(t);
      const Body = gzipSync(Buffer.from("1234567890 ".repeat(100)), { level: 9 });
      Body.writeUInt32LE(1676569620, 4);
      Body[8] = 2;
      Body[9] = 255;
      await t.match("put-object", put(t, { Bucket, Key: "test.gz", ContentEncoding: "gzip", Body }));
      await t.match("get-object", get(t, { Bucket, Key: "test.gz" }));
    },
  },
  {
    key: "TestS3::test_system_metadata_with_unicode",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match(
        "put-object",
        put(t, {
          Bucket,
          Key: "test",
          ContentLanguage: "de",
          ContentDisposition: asWireBytes('attachment; filename="test_—_file%E2%80%94_é_2.pdf"'),
          CacheControl: asWireBytes("ÄMÄZÕÑ S3"),
        }),
      );
      await t.match("get-object", get(t, { Bucket, Key: "test" }));
    },
  },
  {
    key: "TestS3::test_s3_object_expires",
    async run(t) {
      const Bucket = await bucket(t);
      const now = Date.now();
      const head = (Key: string) => t.clients.s3.send(new HeadObjectCommand({ Bucket, Key }));
      for (const [when, Expires] of [
        ["future", new Date(now + 86_400_000)],
        ["past", new Date(now - 86_400_000)],
      ] as const) {
        const Key = `key-object-${when}`;
        await t.match(`put-object-expires-${when}`, put(t, { Bucket, Key, Body: "foo", Expires }));
        await t.match(`head-object-expires-${when}`, head(Key));
        await t.match(`get-object-expires-${when}`, get(t, { Bucket, Key }));
      }
    },
  },
  {
    key: "TestS3::test_s3_get_object_header_overrides",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "key-header-overrides";
      await t.call(put(t, { Bucket, Key, Body: "something" }));
      await t.match(
        "get-object",
        get(t, {
          Bucket,
          Key,
          ResponseCacheControl: "max-age=74",
          ResponseContentDisposition: 'attachment; filename="foo.jpg"',
          ResponseContentEncoding: "identity",
          ResponseContentLanguage: "de-DE",
          ResponseContentType: "image/jpeg",
          ResponseExpires: new Date("Wed, 21 Oct 2015 07:28:00 GMT"),
        }),
      );
    },
  },
];

export const s3BucketListingCases: ParityCase[] = [
  {
    key: "TestS3::test_create_bucket_with_eu_location_constraint",
    async run(t) {
      const s3 = t.clientsIn("eu-west-1").s3;
      const Bucket = t.name("test-eu-region");
      await t.call(
        s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: "EU" } })),
      );
      await t.match("get-bucket-location", s3.send(new GetBucketLocationCommand({ Bucket })));
      await t.match("list-bucket-response", s3.send(new ListBucketsCommand({ Prefix: Bucket })));
    },
  },
];
