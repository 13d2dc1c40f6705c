import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
} from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { bucket, decodeListing, put } from "./s3-object-cases.ts";

const createIn = (t: ParityRun, region: string, Bucket: string, constraint?: string) =>
  t.clientsIn(region).s3.send(
    new CreateBucketCommand({
      Bucket,
      CreateBucketConfiguration: constraint
        ? { LocationConstraint: constraint as BucketLocationConstraint }
        : undefined,
    }),
  );

export const s3BucketCases: ParityCase[] = [
  {
    key: "TestS3::test_create_bucket_with_existing_name",
    async run(t) {
      const Bucket = t.name("bucket");
      await t.call(createIn(t, "us-east-1", Bucket, "us-west-1"));
      for (const constraint of ["us-west-1", "us-east-2"]) {
        await t.match(`create-bucket-${constraint}`, createIn(t, "us-east-1", Bucket, constraint));
      }
    },
  },
  ...["us-east-1", "us-west-1"].map((region) => ({
    key: `TestS3::test_bucket_constraint_aws_global[${region}]`,
    async run(t: ParityRun) {
      await t.match("aws-global-constraint", createIn(t, region, t.name("bucket"), "aws-global"));
    },
  })),
  {
    key: "TestS3::test_create_bucket_with_eu_location_constraint_raises",
    async run(t) {
      await t.match("eu-location-constraint-error", createIn(t, "us-east-2", t.name("test-eu-region"), "EU"));
    },
  },
  ...[
    ["us-east-1", "us-east-1"],
    ["us-east-1", "foo"],
    ["eu-west-1", "bar"],
  ].map(([region, constraint]) => ({
    key: `TestS3::test_create_bucket_with_invalid_location_constraint[${region}-${constraint}]`,
    async run(t: ParityRun) {
      await t.match(
        `${region}-location-constraint-${constraint}-error`,
        createIn(t, region!, t.name("bucket"), constraint),
      );
    },
  })),
  {
    key: "TestS3::test_region_header_exists_outside_us_east_1",
    async run(t) {
      const Bucket = t.name("test-bucket");
      const east = t.clientsIn("us-east-1").s3;
      await t.call(createIn(t, "us-east-1", Bucket, "us-west-2"));
      await t.match("head_bucket", east.send(new HeadBucketCommand({ Bucket })));
      await t.match(
        "list_objects_v2",
        east.send(new ListObjectsV2Command({ Bucket, EncodingType: "url" })),
        decodeListing,
      );
    },
  },
  {
    key: "TestS3::test_s3_uppercase_bucket_name",
    async run(t) {
      await t.match("uppercase-bucket", createIn(t, "us-east-1", t.name("TESTUPPERCASE")));
    },
  },
  {
    key: "TestS3::test_delete_objects_encoding",
    async run(t) {
      const Bucket = await bucket(t);
      const keys = ["a%2Fb", "a/%F0%9F%98%80"];
      await t.call(put(t, { Bucket, Key: keys[0], Body: "percent encoding" }));
      await t.call(put(t, { Bucket, Key: keys[1], Body: "percent encoded emoji" }));
      const list = () => t.clients.s3.send(new ListObjectsV2Command({ Bucket, EncodingType: "url" }));
      await t.match("list-objects-before-delete", list(), decodeListing);
      await t.match(
        "deleted-resp",
        t.clients.s3.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
        ),
        (a) => ({
          ...a,
          Deleted: [...(a.Deleted as { Key: string }[])].sort((x, y) =>
            x.Key < y.Key ? -1 : x.Key > y.Key ? 1 : 0,
          ),
        }),
      );
      await t.match("list-objects", list(), decodeListing);
    },
  },
];
