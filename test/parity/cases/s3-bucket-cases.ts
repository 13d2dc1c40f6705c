import { type BucketLocationConstraint, CreateBucketCommand } from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";

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
];
