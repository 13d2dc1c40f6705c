/**
 * Bucket-level operations: CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation, GetBucketEncryption, ListBuckets,
 * Put/GetBucketOwnershipControls.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 *
 * CreateBucket: the name space is global; a name held by another account is 409
 * BucketAlreadyExists, one held by the caller is 409 BucketAlreadyOwnedByYou (except in us-east-1,
 * where S3 answers 200 for legacy reasons). A regional endpoint takes only its own region as
 * LocationConstraint (IllegalLocationConstraintException otherwise); the us-east-1 endpoint takes
 * any well-formed region but us-east-1 itself (InvalidLocationConstraint), as AWS answered; the
 * eu-west-1 endpoint also takes `EU`, its old alias, which GetBucketLocation then answers.
 * New buckets get BucketOwnerEnforced and SSE-S3, as AWS's defaults since 2023.
 * HeadBucket answers with `x-amz-bucket-region` on 200, 301 and 403 (it is how clients find a
 * bucket's region).
 *
 * CreateBucketConfiguration's Tags: bucket-tags.ts.
 *
 * Known gaps: bucket naming rules beyond the common ones; ACL headers on CreateBucket; directory
 * buckets. ListBuckets' filters and pages: list-buckets-page.ts.
 */
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../core/errors.ts";
import { restResult } from "../protocols/rest-result.ts";
import type { World } from "../world/world.ts";
import { checkBucketTags } from "./bucket-tags.ts";
import { listBucketsPage } from "./list-buckets-page.ts";
import { authorizeS3, evaluateS3, s3DeniedMessage } from "./s3-access.ts";
import {
  bucketAlreadyExists,
  bucketAlreadyOwnedByYou,
  bucketNotEmpty,
  illegalLocationConstraint,
  invalidBucketName,
  invalidLocationConstraint,
  malformedXml,
} from "./s3-errors.ts";
import { addressedBucket, bucketName, header, requesterOf, type S3Context } from "./s3-request.ts";
import type { ObjectOwnership, S3Bucket } from "./s3-store.ts";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (n) => n === "Rule" || n === "Tag",
});
const OWNERSHIPS: ObjectOwnership[] = ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"];

function parseXml(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    return parser.parse(body.toString("utf8")) as Record<string, unknown>;
  } catch {
    throw malformedXml();
  }
}

// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
function validBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes("..") &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
    !/^(xn--|sthree-)/.test(name) &&
    !/(-s3alias|--ol-s3)$/.test(name)
  );
}

export const createBucket = (world: World) => (ctx: S3Context) => {
  const name = bucketName(ctx);
  if (!validBucketName(name)) throw invalidBucketName(name);
  const doc = parseXml(ctx.http.body) as {
    CreateBucketConfiguration?: { LocationConstraint?: unknown; Tags?: unknown };
  };
  checkBucketTags(doc.CreateBucketConfiguration?.Tags);
  const constraintRaw = doc.CreateBucketConfiguration?.LocationConstraint;
  const constraint = constraintRaw === undefined || constraintRaw === "" ? undefined : String(constraintRaw);
  const wellFormed = constraint !== undefined && /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(constraint);
  // The us-east-1 endpoint creates buckets in any region but refuses a malformed constraint and an
  // explicit us-east-1; a regional endpoint only its own region (recorded, test/parity).
  if (ctx.region === "us-east-1" && constraint !== undefined && (!wellFormed || constraint === "us-east-1")) {
    throw invalidLocationConstraint(constraint);
  }
  const euAlias = constraint === "EU" && ctx.region === "eu-west-1";
  const region = euAlias ? "eu-west-1" : (constraint ?? "us-east-1");
  const who = requesterOf(world, ctx);
  const ownership = (header(ctx, "x-amz-object-ownership") ?? "BucketOwnerEnforced") as ObjectOwnership;
  const draft: S3Bucket = {
    name,
    account: ctx.caller.account,
    region,
    ...(euAlias ? { euAlias } : {}),
    creationDate: ctx.now,
    ownership,
    encryption: { sse: "AES256" },
    objects: new Map(),
  };
  const context: Record<string, string> = { "s3:LocationConstraint": region };
  authorizeS3(who, { action: "s3:CreateBucket", bucket: draft, context });
  if (ctx.region !== "us-east-1" && region !== ctx.region) throw illegalLocationConstraint(constraint);
  if (!OWNERSHIPS.includes(ownership)) {
    throw new AwsError("InvalidArgument", `Invalid x-amz-object-ownership header: ${ownership}`, {
      status: 400,
      fields: { ArgumentName: "x-amz-object-ownership", ArgumentValue: ownership },
    });
  }
  const store = world.s3;
  const existing = store.get(name);
  if (existing && existing.account !== ctx.caller.account) throw bucketAlreadyExists(name);
  if (existing && existing.region !== "us-east-1") throw bucketAlreadyOwnedByYou(name);
  if (!existing) store.add(draft);
  // Buckets outside us-east-1 are located by their global virtual-hosted URL, as AWS answers.
  const location = region === "us-east-1" ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
  return restResult({ status: 200, headers: { location, "x-amz-bucket-arn": `arn:aws:s3:::${name}` } });
};

export const deleteBucket = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizeS3(requesterOf(world, ctx), { action: "s3:DeleteBucket", bucket });
  if (bucket.objects.size > 0) throw bucketNotEmpty(bucket.name);
  world.s3.buckets.delete(bucket.name);
  return restResult({ status: 204 });
};

export const headBucket = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  const who = requesterOf(world, ctx);
  const check = { action: "s3:ListBucket", bucket };
  const result = evaluateS3(who, check);
  const regionHeader = { "x-amz-bucket-region": bucket.region };
  if (result.decision !== "Allow") {
    throw new AwsError("AccessDenied", s3DeniedMessage(who, check, result), {
      status: 403,
      headers: regionHeader,
      noBody: true,
    });
  }
  return restResult({
    status: 200,
    headers: {
      ...regionHeader,
      "x-amz-bucket-arn": `arn:aws:s3:::${bucket.name}`,
      "x-amz-access-point-alias": "false",
      "content-type": "application/xml",
    },
  });
};

export const getBucketLocation = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx, { regionCheck: false });
  authorizeS3(requesterOf(world, ctx), { action: "s3:GetBucketLocation", bucket });
  // us-east-1 is reported as an empty LocationConstraint.
  return { LocationConstraint: bucket.euAlias ? "EU" : bucket.region === "us-east-1" ? "" : bucket.region };
};

export const listBuckets = (world: World) => (ctx: S3Context) => {
  const who = requesterOf(world, ctx);
  const resource = "arn:aws:s3:::*";
  const result = ctx.check({ action: "s3:ListAllMyBuckets", resource });
  if (result.decision !== "Allow") {
    const draft = { name: "*", account: ctx.caller.account } as S3Bucket;
    throw new AwsError(
      "AccessDenied",
      s3DeniedMessage(who, { action: "s3:ListAllMyBuckets", bucket: draft }, result),
      {
        status: 403,
      },
    );
  }
  const mine = [...world.s3.buckets.values()].filter((b) => b.account === ctx.caller.account);
  const { Buckets, ...rest } = listBucketsPage(ctx, mine);
  return { ListAllMyBucketsResult: { Buckets, Owner: { ID: ctx.caller.account }, ...rest } };
};

export const putBucketOwnershipControls = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizeS3(requesterOf(world, ctx), { action: "s3:PutBucketOwnershipControls", bucket });
  const doc = parseXml(ctx.http.body) as {
    OwnershipControls?: { Rule?: Array<{ ObjectOwnership?: unknown }> };
  };
  const rules = doc.OwnershipControls?.Rule ?? [];
  const value = rules.length === 1 ? String(rules[0]?.ObjectOwnership ?? "") : "";
  if (!OWNERSHIPS.includes(value as ObjectOwnership)) throw malformedXml();
  bucket.ownership = value as ObjectOwnership;
  return restResult({ status: 200 });
};

/** GetBucketEncryption: the bucket's default encryption (SSE-S3 unless the setup says SSE-KMS), as
 *  the ServerSideEncryptionConfiguration document S3 answers; needs s3:GetEncryptionConfiguration. */
export const getBucketEncryption = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizeS3(requesterOf(world, ctx), { action: "s3:GetEncryptionConfiguration", bucket });
  const byDefault = {
    SSEAlgorithm: bucket.encryption.sse,
    ...(bucket.encryption.sse === "aws:kms" && bucket.encryption.kmsKeyArn
      ? { KMSMasterKeyID: bucket.encryption.kmsKeyArn }
      : {}),
  };
  return {
    ServerSideEncryptionConfiguration: {
      Rule: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: false }],
    },
  };
};

export const getBucketOwnershipControls = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizeS3(requesterOf(world, ctx), { action: "s3:GetBucketOwnershipControls", bucket });
  return { OwnershipControls: { Rule: [{ ObjectOwnership: bucket.ownership }] } };
};
