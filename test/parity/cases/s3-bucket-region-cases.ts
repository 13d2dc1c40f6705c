import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  type CreateBucketConfiguration,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type S3Client,
  type Tag,
} from "@aws-sdk/client-s3";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";
import { botoResponseMetadata, captureHeaders } from "./boto-response-metadata.ts";
import { bucket } from "./s3-object-cases.ts";

/** CreateBucket as boto3 sends it: SDK v3 would add the client's region as LocationConstraint. */
function create(client: S3Client, Bucket: string, CreateBucketConfiguration?: CreateBucketConfiguration) {
  const command = new CreateBucketCommand({
    Bucket,
    CreateBucketConfiguration: structuredClone(CreateBucketConfiguration),
  });
  command.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { CreateBucketConfiguration?: CreateBucketConfiguration }).CreateBucketConfiguration =
        structuredClone(CreateBucketConfiguration);
      return next(args);
    },
    { step: "serialize", priority: "high" },
  );
  return client.send(command);
}
const constraint = (region: string) => ({ LocationConstraint: region as BucketLocationConstraint });
/** boto3 reads an empty LocationConstraint as None. */
const locationOf = (a: Record<string, unknown>) => ({
  ...a,
  LocationConstraint: a.LocationConstraint || null,
});

/** The answer's headers filtered as the recorded test did (x-amz-* and content-type, ids by name). */
function headBucketWithHeaders(client: S3Client, Bucket: string, headers: Record<string, string>) {
  const command = new HeadBucketCommand({ Bucket });
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string> };
      for (const [name, value] of Object.entries(response.headers ?? {})) {
        if (name.startsWith("x-amz") || name === "content-type")
          headers[name] = name === "x-amz-id-2" || name === "x-amz-request-id" ? name : value;
      }
      return result;
    },
    { step: "deserialize" },
  );
  return client.send(command);
}

/** SSE-C headers as boto3 sends them: the key and its MD5 as given, or both derived from the key's text. */
function putWithSseC(t: ParityRun, Bucket: string, sse: Record<string, string | undefined>) {
  const command = new PutObjectCommand({ Bucket, Key: "test-sse-c", Body: "test_data" });
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string> };
      for (const [name, value] of Object.entries(sse)) if (value !== undefined) request.headers[name] = value;
      return next(args);
    },
    { step: "build" },
  );
  return t.clients.s3.send(command);
}

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString("base64");
const md5 = async (bytes: Buffer | string) =>
  b64((await import("node:crypto")).createHash("md5").update(bytes).digest());

export const s3BucketRegionCases: ParityCase[] = [
  {
    key: "TestS3::test_create_bucket_head_bucket",
    async run(t) {
      const east = t.clientsIn("us-east-1").s3;
      const [first, second] = [t.name("my-bucket-1"), t.name("my-bucket-2")];
      await t.match("create_bucket", create(east, first));
      await t.match("create_bucket_location_constraint", create(east, second, constraint("us-west-1")));
      for (const [snapshot, name] of [
        ["head_bucket", first],
        ["head_bucket_2", second],
      ] as const) {
        const headers: Record<string, string> = {};
        await t.match(snapshot, headBucketWithHeaders(t.clients.s3, name, headers));
        t.keep(`${snapshot}_filtered_header`, headers);
      }
      await t.match(
        "head_bucket_not_exist",
        t.clients.s3.send(new HeadBucketCommand({ Bucket: t.name("does-not-exist") })),
      );
    },
  },
  {
    key: "TestS3::test_different_location_constraint",
    async run(t) {
      const [east1, east2, west1] = ["us-east-1", "us-east-2", "us-west-1"].map((r) => t.clientsIn(r).s3) as [
        S3Client,
        S3Client,
        S3Client,
      ];
      const inEast1 = t.name("bucket");
      await t.call(create(east1, inEast1));
      await t.match(
        "get-bucket-location-bucket-us-east-1",
        east1.send(new GetBucketLocationCommand({ Bucket: inEast1 })),
        locationOf,
      );
      await t.match(
        "create-bucket-constraint-us-east-1",
        create(east1, t.name("bucket"), constraint("us-east-1")),
      );
      await t.match("create-bucket-constraint-us-east-1-with-None", create(east1, t.name("bucket"), {}));
      const inEast2 = t.name("bucket");
      await t.call(create(east2, inEast2, constraint("us-east-2")));
      await t.match(
        "get-bucket-location-bucket-us-east-2",
        east2.send(new GetBucketLocationCommand({ Bucket: inEast2 })),
        locationOf,
      );
      await t.match("create-bucket-us-east-2-no-constraint-exc", create(east2, t.name("bucket")));
      await t.match("create-bucket-constraint-us-east-2-with-None", create(east2, t.name("bucket"), {}));
      await t.match(
        "create-bucket-us-east-2-constraint-to-us-west-1",
        create(east2, t.name("bucket"), constraint("us-west-1")),
      );
      await t.match(
        "create-bucket-us-west-1-constraint-to-us-east-2",
        create(west1, t.name("bucket"), constraint("us-east-2")),
      );
      await t.match(
        "create-bucket-us-west-1-constraint-to-us-east-1",
        create(west1, t.name("bucket"), constraint("us-east-1")),
      );
      await t.match(
        "get-bucket-location-non-existent-bucket",
        t.clients.s3.send(new GetBucketLocationCommand({ Bucket: t.name("random-bucket-test") })),
      );
    },
  },
  {
    key: "TestS3::test_put_and_get_object_with_content_language_disposition",
    async run(t) {
      const Bucket = await bucket(t);
      const put = new PutObjectCommand({
        Bucket,
        Key: "test",
        Body: "abc123",
        ContentLanguage: "de",
        ContentDisposition: 'attachment; filename="foo.jpg"',
        CacheControl: "no-cache",
      });
      put.middlewareStack.add(
        (next) => async (args) => {
          delete (args.request as { headers: Record<string, string> }).headers["content-type"];
          return next(args);
        },
        { step: "build" },
      );
      const putHeaders = captureHeaders(put);
      await t.match("put-object", t.clients.s3.send(put));
      t.keep("put-object-headers", botoResponseMetadata(putHeaders));
      const read = new GetObjectCommand({ Bucket, Key: "test" });
      const getHeaders = captureHeaders(read);
      await t.match("get-object", t.clients.s3.send(read));
      t.keep("get-object-headers", botoResponseMetadata(getHeaders, true));
    },
  },
  {
    key: "TestS3SSECEncryption::test_put_object_validation_sse_c",
    async run(t) {
      const Bucket = await bucket(t);
      const key = Buffer.from("1234567890abcdef1234567890abcdef");
      const [cusKey, cusKeyMd5] = [b64(key), await md5(key)];
      const headers = (algorithm?: string, customerKey?: string, keyMd5?: string, sse?: string) => ({
        "x-amz-server-side-encryption": sse,
        "x-amz-server-side-encryption-customer-algorithm": algorithm,
        "x-amz-server-side-encryption-customer-key": customerKey,
        "x-amz-server-side-encryption-customer-key-md5": keyMd5,
      });
      const short = key.subarray(0, 10);
      const badMd5 = (cusKeyMd5.startsWith("a") ? "b" : "a") + cusKeyMd5.slice(1);
      const attempts: [string, Record<string, string | undefined>][] = [
        ["put-obj-sse-c-both-encryption", headers("KMS", cusKey, cusKeyMd5, "AES256")],
        ["put-obj-sse-c-wrong-algo", headers("KMS", cusKey, cusKeyMd5)],
        ["put-obj-sse-c-no-algo", headers(undefined, cusKey, cusKeyMd5)],
        ["put-obj-sse-c-no-key", headers("AES256", undefined, cusKeyMd5)],
        ["put-obj-sse-c-no-md5", headers("AES256", b64(cusKey), await md5(cusKey))],
        ["put-obj-sse-c-wrong-key-size", headers("AES256", b64(short), await md5(short))],
        ["put-obj-sse-c-bad-md5", headers("AES256", cusKey, badMd5)],
      ];
      for (const [snapshot, sse] of attempts) await t.match(snapshot, putWithSseC(t, Bucket, sse));
    },
  },
  {
    key: "TestS3BucketObjectTagging::test_create_bucket_with_tags_exc",
    async run(t) {
      const Bucket = t.name("test-bucket-tag");
      const east = t.clientsIn("us-east-1").s3;
      const withTags = (Tags: Partial<Tag>[]) => create(east, Bucket, { Tags: Tags as Tag[] });
      await t.match("tags-key-none", withTags([{ Value: "value1" }]));
      await t.match("tags-value-none", withTags([{ Key: "key1" }]));
      await t.match("tags-key-aws-prefix", withTags([{ Key: "aws:test", Value: "value1" }]));
      await t.match(
        "tags-key-aws-duplicated-key",
        withTags([
          { Key: "key1", Value: "value1" },
          { Key: "key1", Value: "value1" },
        ]),
      );
      await t.match("tags-key-aws-bad-value", withTags([{ Key: "test", Value: "value1,value2" }]));
      await t.match("tags-key-aws-bad-key", withTags([{ Key: "test,test2", Value: "value1" }]));
    },
  },
];
