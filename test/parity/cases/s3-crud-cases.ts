import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketOwnershipControlsCommand,
  type ObjectOwnership,
  PutBucketOwnershipControlsCommand,
} from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { bucket, get, put } from "./s3-object-cases.ts";

const VERSION = "HPniJFCxqTsMuIH9KX8K8wEjNUgmABCD";
const RANGES = [
  ["get-0-8", "bytes=0-8"],
  ["get-1-1", "bytes=1-1"],
  ["get-1-0", "bytes=1-0"],
  ["get-1-", "bytes=1-"],
  ["get--1-", "bytes=-1-"],
  ["get--2", "bytes=-2"],
  ["get--9", "bytes=-9"],
  ["get--15", "bytes=-15"],
  ["get-0-100", "bytes=0-100"],
  ["get-0-0", "bytes=0-0"],
  ["get-0--1", "bytes=0--1"],
  ["get-multiple-ranges", "bytes=0-1,3-4,7-9"],
  ["get-wrong-format", "0-1"],
  ["get--", "bytes=-"],
  ["get--0", "bytes=-0"],
  ["get-100-200", "bytes=100-200"],
];

const sortDeleted = (a: Record<string, unknown>) => ({
  ...a,
  Deleted: [...((a.Deleted as { Key: string }[] | undefined) ?? [])].sort((x, y) =>
    x.Key < y.Key ? -1 : x.Key > y.Key ? 1 : 0,
  ),
});

const ownership = (t: ParityRun, Bucket: string, rules: { ObjectOwnership: string }[]) =>
  t.clients.s3.send(
    new PutBucketOwnershipControlsCommand({
      Bucket,
      OwnershipControls: { Rules: rules as { ObjectOwnership: ObjectOwnership }[] },
    }),
  );

export const s3CrudCases: ParityCase[] = [
  {
    key: "TestS3BucketCRUD::test_delete_bucket_with_objects",
    async run(t) {
      const Bucket = await bucket(t);
      await t.call(put(t, { Bucket, Key: "test-delete", Body: "test-delete" }));
      await t.match("delete-with-obj", t.clients.s3.send(new DeleteBucketCommand({ Bucket })));
      await t.match("delete-obj", t.clients.s3.send(new DeleteObjectCommand({ Bucket, Key: "test-delete" })));
      await t.match("delete-bucket", t.clients.s3.send(new DeleteBucketCommand({ Bucket })));
    },
  },
  {
    key: "TestS3ObjectCRUD::test_delete_object",
    async run(t) {
      const Bucket = await bucket(t);
      const del = (VersionId?: string) =>
        t.clients.s3.send(new DeleteObjectCommand({ Bucket, Key: "test-delete", VersionId }));
      await t.match("put-object", put(t, { Bucket, Key: "test-delete", Body: "test-delete" }));
      await t.match("delete-object", del());
      await t.match("delete-nonexistent-object", del());
      await t.match("delete-nonexistent-object-versionid", del(VERSION));
    },
  },
  {
    key: "TestS3ObjectCRUD::test_delete_objects",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match("put-object", put(t, { Bucket, Key: "test-delete", Body: "test-delete" }));
      const del = (Objects: { Key: string; VersionId?: string }[]) =>
        t.clients.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }));
      await t.match("delete-object-wrong-version-id", del([{ Key: "test-delete", VersionId: VERSION }]));
      await t.match(
        "delete-objects",
        del([{ Key: "test-delete" }, { Key: "c-wrong-key" }, { Key: "a-wrong-key" }]),
        sortDeleted,
      );
    },
  },
  {
    key: "TestS3ObjectCRUD::test_get_object_with_version_unversioned_bucket",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match("put-object", put(t, { Bucket, Key: "test-version", Body: "test-version" }));
      await t.match("get-obj-with-version", get(t, { Bucket, Key: "test-version", VersionId: VERSION }));
      await t.match("get-obj-with-null-version", get(t, { Bucket, Key: "test-version", VersionId: "null" }));
    },
  },
  {
    key: "TestS3ObjectCRUD::test_get_object_range",
    async run(t) {
      const Bucket = await bucket(t);
      const Key = "test-key-range";
      await t.call(put(t, { Bucket, Key, Body: "0123456789" }));
      for (const [snapshot, Range] of RANGES) {
        await t.match(snapshot!, get(t, { Bucket, Key, Range }));
        if (snapshot === "get-0-8") {
          await t.match("get-0-8-checksum", get(t, { Bucket, Key, Range, ChecksumMode: "ENABLED" }));
        }
      }
      await t.match("put-after-failed", put(t, { Bucket, Key, Body: "0123456789".repeat(2) }));
    },
  },
  {
    key: "TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc",
    async run(t) {
      const Bucket = await bucket(t);
      await t.match(
        "default-ownership",
        t.clients.s3.send(new GetBucketOwnershipControlsCommand({ Bucket })),
      );
      await t.match(
        "put-ownership-multiple-rules",
        ownership(t, Bucket, [
          { ObjectOwnership: "BucketOwnerPreferred" },
          { ObjectOwnership: "ObjectWriter" },
        ]),
      );
      await t.match("put-ownership-wrong-value", ownership(t, Bucket, [{ ObjectOwnership: "RandomValue" }]));
      await t.match("put-ownership-empty-rule", ownership(t, Bucket, []));
      for (const [snapshot, value] of [
        ["ownership-wrong-value-at-creation", "RandomValue"],
        ["ownership-non-value-at-creation", ""],
      ] as const) {
        await t.match(
          snapshot,
          t.clients.s3.send(
            new CreateBucketCommand({ Bucket: t.name("bucket"), ObjectOwnership: value as ObjectOwnership }),
          ),
        );
      }
    },
  },
];
