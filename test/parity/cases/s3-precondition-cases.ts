import {
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  type DeleteObjectCommandInput,
  DeleteObjectsCommand,
} from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { bucket, put } from "./s3-object-cases.ts";

const KEY = "test-precondition";
const yesterday = () => new Date(Date.now() - 24 * 3600 * 1000);
const del = (t: ParityRun, input: DeleteObjectCommandInput) =>
  t.clients.s3.send(new DeleteObjectCommand(input));

export const s3PreconditionCases: ParityCase[] = [
  {
    key: "TestS3ObjectWritePrecondition::test_put_object_if_none_match",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match("put-obj", put(t, { Bucket, Key: KEY, IfNoneMatch: "*" }));
      await t.match("put-obj-if-none-match", put(t, { Bucket, Key: KEY, IfNoneMatch: "*" }));
      await t.match("del-obj", del(t, { Bucket, Key: KEY }));
      await t.match("put-obj-after-del", put(t, { Bucket, Key: KEY, IfNoneMatch: "*" }));
    },
  },
  {
    key: "TestS3ObjectWritePrecondition::test_put_object_if_none_match_validation",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "test-precondition-validation";
      const first = await t.match("put-obj", put(t, { Bucket, Key }));
      await t.match("put-obj-if-none-match-bad-value", put(t, { Bucket, Key, IfNoneMatch: first?.ETag }));
    },
  },
  {
    key: "TestS3ObjectWritePrecondition::test_put_object_if_match",
    async run(t) {
      const Bucket = await bucket(t);
      const first = await t.match("put-obj", put(t, { Bucket, Key: KEY, Body: "test" }));
      await t.match(
        "put-obj-if-match-wrong-etag",
        put(t, { Bucket, Key: KEY, IfMatch: "d41d8cd98f00b204e9800998ecf8427e" }),
      );
      await t.match("put-obj-overwrite", put(t, { Bucket, Key: KEY, IfMatch: first?.ETag }));
      await t.match("del-obj", del(t, { Bucket, Key: KEY }));
      await t.match("put-obj-if-match-key-not-exists", put(t, { Bucket, Key: KEY, IfMatch: first?.ETag }));
      await t.match("put-obj-after-del", put(t, { Bucket, Key: KEY }));
    },
  },
  {
    key: "TestS3ObjectWritePrecondition::test_put_object_if_match_validation",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "test-precondition-validation";
      await t.match("put-obj-if-match-star-value", put(t, { Bucket, Key, IfMatch: "*" }));
      await t.match("put-obj-if-match-bad-value", put(t, { Bucket, Key, IfMatch: "abcdef" }));
      await t.match("put-obj-if-match-bad-value-2", put(t, { Bucket, Key, IfMatch: "bad-char_/" }));
    },
  },
  {
    key: "TestS3ObjectWritePrecondition::test_put_object_if_match_and_if_none_match_validation",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match(
        "put-obj-both-precondition",
        put(t, { Bucket, Key: "test-precondition-validation", IfMatch: "abcdef", IfNoneMatch: "*" }),
      );
    },
  },
  {
    key: "TestS3DeletePrecondition::test_delete_object_if_match_non_express",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: KEY }));
      await t.match("delete-obj-if-match", del(t, { Bucket, Key: KEY, IfMatch: "badvalue" }));
    },
  },
  {
    key: "TestS3DeletePrecondition::test_delete_object_if_match_modified_non_express",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: KEY }));
      await t.match(
        "delete-obj-if-match-last-modified",
        del(t, { Bucket, Key: KEY, IfMatchLastModifiedTime: yesterday() }),
      );
    },
  },
  {
    key: "TestS3DeletePrecondition::test_delete_object_if_match_size_non_express",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: KEY }));
      await t.match("delete-obj-if-match-size", del(t, { Bucket, Key: KEY, IfMatchSize: 10 }));
    },
  },
  {
    key: "TestS3DeletePrecondition::test_delete_object_if_match_all_non_express",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: KEY }));
      await t.match(
        "delete-obj-if-match-all",
        del(t, {
          Bucket,
          Key: KEY,
          IfMatchSize: 10,
          IfMatch: "badvalue",
          IfMatchLastModifiedTime: yesterday(),
        }),
      );
    },
  },
  {
    key: "TestS3ObjectLock::test_delete_object_with_no_locking",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "test-delete-no-lock";
      await t.call(put(t, { Bucket, Key, Body: "test" }));
      await t.match("delete-object-bypass-no-lock", del(t, { Bucket, Key, BypassGovernanceRetention: true }));
      await t.match(
        "delete-object-bypass-no-lock-false",
        del(t, { Bucket, Key, BypassGovernanceRetention: false }),
      );
      await t.match(
        "delete-objects-bypass-no-lock",
        t.clients.s3.send(
          new DeleteObjectsCommand({
            Bucket,
            Delete: { Objects: [{ Key }] },
            BypassGovernanceRetention: true,
          }),
        ),
      );
    },
  },
  {
    key: "TestS3::test_upload_file_multipart",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(t.clients.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: "my-key" })));
    },
  },
];
