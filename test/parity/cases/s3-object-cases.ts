import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  type GetObjectCommandInput,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
} from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";

export async function bucket(t: ParityRun, name = t.name("test-bucket")): Promise<string> {
  await t.call(t.clients.s3.send(new CreateBucketCommand({ Bucket: name })));
  return name;
}

/** PutObject as boto3 sends it: without a Content-Type unless one is given (SDK v3 adds one). */
export function put(t: ParityRun, input: PutObjectCommandInput) {
  const command = new PutObjectCommand(input);
  if (!input.ContentType) {
    command.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) delete request.headers["content-type"];
        return next(args);
      },
      { step: "build" },
    );
  }
  return t.clients.s3.send(command);
}
export const get = (t: ParityRun, input: GetObjectCommandInput) =>
  t.clients.s3.send(new GetObjectCommand(input));
const head = (t: ParityRun, input: GetObjectCommandInput) => t.clients.s3.send(new HeadObjectCommand(input));
/** ListObjectsV2 as boto3 sends it (EncodingType=url) and reads it (keys and prefixes decoded). */
export function list(t: ParityRun, Bucket: string) {
  return t.clients.s3.send(new ListObjectsV2Command({ Bucket, EncodingType: "url" }));
}

export function decodeListing(answer: Record<string, unknown>): Record<string, unknown> {
  if (answer.EncodingType !== "url") return answer;
  const decode = (v: unknown) => (typeof v === "string" ? decodeURIComponent(v.replace(/\+/g, " ")) : v);
  const out: Record<string, unknown> = { ...answer };
  for (const member of ["Prefix", "Delimiter", "StartAfter"])
    if (member in out) out[member] = decode(out[member]);
  if (Array.isArray(out.Contents)) {
    out.Contents = out.Contents.map((c: Record<string, unknown>) => ({ ...c, Key: decode(c.Key) }));
  }
  if (Array.isArray(out.CommonPrefixes)) {
    out.CommonPrefixes = out.CommonPrefixes.map((c: Record<string, unknown>) => ({
      ...c,
      Prefix: decode(c.Prefix),
    }));
  }
  return out;
}

const INVALID_OWNERS = ["0000", "0000000000020", "abcd", "aa000000000$"];
const SPECIAL_KEYS = [
  "file%2Fname",
  "test@key/",
  "test%123",
  "test%percent",
  "test key/",
  "test key//",
  "test%123/",
  "a/%F0%9F%98%80/",
];

function putThenGet(key: string, body: string): ParityCase["run"] {
  return async (t) => {
    const Bucket = await bucket(t);
    await t.match("put-object", put(t, { Bucket, Key: key, Body: body }));
    await t.match("get-object", get(t, { Bucket, Key: key }));
  };
}

export const s3ObjectCases: ParityCase[] = [
  ...INVALID_OWNERS.map((owner) => ({
    key: `TestS3::test_get_bucket_policy_invalid_account_id[${owner}]`,
    async run(t: ParityRun) {
      const Bucket = await bucket(t);
      await t.match(
        "get-bucket-policy-invalid-bucket-owner",
        t.clients.s3.send(new GetBucketPolicyCommand({ Bucket, ExpectedBucketOwner: owner })),
      );
    },
  })),
  ...INVALID_OWNERS.map((owner) => ({
    key: `TestS3::test_put_bucket_policy_invalid_account_id[${owner}]`,
    async run(t: ParityRun) {
      const Bucket = await bucket(t);
      const Policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::${Bucket}/*`,
          },
        ],
      });
      await t.match(
        "put-bucket-policy-invalid-bucket-owner",
        t.clients.s3.send(new PutBucketPolicyCommand({ Bucket, Policy, ExpectedBucketOwner: owner })),
      );
    },
  })),
  {
    key: "TestS3::test_head_object_fields",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "my-key", Body: "abcdefgh" }));
      await t.match("head-object", head(t, { Bucket, Key: "my-key" }));
      await t.match("head-object-404", head(t, { Bucket, Key: "doesnotexist" }));
    },
  },
  {
    key: "TestS3::test_get_object_no_such_bucket",
    async run(t) {
      await t.match("expected_error", get(t, { Bucket: t.name("does-not-exist"), Key: "foobar" }));
    },
  },
  {
    key: "TestS3::test_delete_bucket_no_such_bucket",
    async run(t) {
      await t.match(
        "expected_error",
        t.clients.s3.send(new DeleteBucketCommand({ Bucket: "does-not-exist-localstack-test" })),
      );
    },
  },
  { key: "TestS3::test_put_and_get_object_with_utf8_key", run: putThenGet("Ā0Ä", "abc123") },
  {
    key: "TestS3::test_put_and_get_object_with_hash_prefix",
    run: putThenGet("#key-with-hash-prefix", "test 123"),
  },
  {
    key: "TestS3::test_invalid_range_error",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "my-key", Body: "abcdefgh" }));
      await t.match("exc", get(t, { Bucket, Key: "my-key", Range: "bytes=1024-4096" }));
    },
  },
  {
    key: "TestS3::test_range_key_not_exists",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match("exc", get(t, { Bucket, Key: "my-key", Range: "bytes=1024-4096" }));
    },
  },
  {
    key: "TestS3::test_etag_on_get_object_call",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "my-key", Body: "Lorem ipsum dolor sit amet, ... ".repeat(30) }));
      await t.match("get_object", get(t, { Bucket, Key: "my-key" }));
      await t.match("get_object_range", get(t, { Bucket, Key: "my-key", Range: "bytes=0-16" }));
    },
  },
  {
    key: "TestS3::test_precondition_failed_error",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "foo", Body: '{"foo": "bar"}' }));
      await t.match("get-object-if-match", get(t, { Bucket, Key: "foo", IfMatch: '"not good etag"' }));
    },
  },
  {
    key: "TestS3::test_s3_uppercase_key_names",
    async run(t) {
      const Bucket = await bucket(t, t.name("testuppercase"));
      await t.call(put(t, { Bucket, Key: "camelCaseKey", Body: "something" }));
      await t.match("response", get(t, { Bucket, Key: "camelCaseKey" }));
      await t.match("wrong-case-key", get(t, { Bucket, Key: "camelcasekey" }));
    },
  },
  {
    key: "TestS3::test_delete_non_existing_keys",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "test-key-nonexistent", Body: "something" }));
      await t.match(
        "deleted-resp",
        t.clients.s3.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: [{ Key: "test-key-nonexistent" }, { Key: "dummy1" }, { Key: "dummy2" }] },
          }),
        ),
        (a) => ({
          ...a,
          Deleted: [...(a.Deleted as { Key: string }[])].sort((x, y) =>
            x.Key < y.Key ? -1 : x.Key > y.Key ? 1 : 0,
          ),
        }),
      );
    },
  },
  {
    key: "TestS3::test_delete_non_existing_keys_in_non_existing_bucket",
    async run(t) {
      await t.match(
        "error-non-existent-bucket",
        t.clients.s3.send(
          new DeleteObjectsCommand({
            Bucket: t.name("non-existent-bucket"),
            Delete: { Objects: [{ Key: "dummy1" }, { Key: "dummy2" }] },
          }),
        ),
      );
    },
  },
  ...SPECIAL_KEYS.map((key) => ({
    key: `TestS3::test_put_get_object_special_character[${key}]`,
    async run(t: ParityRun) {
      const Bucket = await bucket(t);
      await t.match("put-object-special-char", put(t, { Bucket, Key: key, Body: "test" }));
      await t.match("list-object-special-char", list(t, Bucket), decodeListing);
      await t.match("get-object-special-char", get(t, { Bucket, Key: key }));
      await t.match(
        "del-object-special-char",
        t.clients.s3.send(new DeleteObjectCommand({ Bucket, Key: key })),
      );
    },
  })),
  ...[true, false].map((virtual) => ({
    key: `TestS3::test_object_with_slashes_in_key[${virtual ? "True" : "False"}]`,
    async run(t: ParityRun) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "/foo", Body: "foobar" }));
      await t.call(put(t, { Bucket, Key: "bar", Body: "barfoo" }));
      await t.call(put(t, { Bucket, Key: "/bar/foo/", Body: "test" }));
      await t.match("list-objects-slashes", list(t, Bucket), decodeListing);
    },
  })),
  ...[true, false].map((virtual) => ({
    key: `TestS3::test_url_encoded_key[${virtual ? "True" : "False"}]`,
    async run(t: ParityRun) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "test@key/", Body: "test-non-encoded" }));
      await t.call(put(t, { Bucket, Key: "test%40key/", Body: "test-encoded" }));
      await t.call(put(t, { Bucket, Key: "test%40key", Body: "test-encoded-no-trailing" }));
      await t.match("list-object-encoded-char", list(t, Bucket), decodeListing);
    },
  })),
];
