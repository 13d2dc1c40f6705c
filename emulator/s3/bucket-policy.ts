/**
 * PutBucketPolicy / GetBucketPolicy / DeleteBucketPolicy, and S3's validation of a bucket policy.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
 *
 * The document goes through the policy engine's parsePolicy as a resource policy (principals must
 * exist, as S3 resolves them on save); its errors come back as S3's MalformedPolicy texts:
 * "Policy has invalid resource" (also for a Resource outside this bucket, or `*`),
 * "Invalid principal in policy", "Action does not apply to any resource(s) in statement" (an object
 * action with only the bucket ARN, or the reverse), "Policy has invalid action".
 * Sources: aws-samples/aws-serverless-appsync-app#4, versity/versitygw#645 #648 #649,
 * noobaa/noobaa-core#10058, cloud-custodian/cloud-custodian#4948.
 * The "Missing required field …" and JSON texts are [I]: inferred from S3's wording elsewhere.
 *
 * The bucket owner account's root user may always get, put and delete its bucket's policy, even
 * when the policy denies it: the bucket policy is left out of those three checks for it (SCPs still
 * apply; VPC endpoint policies are not modelled). "To ensure that bucket owners don't inadvertently
 * lock themselves out of their own buckets" — https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
 *
 * Known gaps: size limit (20 KB), condition-key/action compatibility ("Conditions do not apply to
 * combination of actions and resources in statement"), Block Public Access (BlockPublicPolicy).
 */
import {
  matchesPattern,
  PolicyValidationError,
  parsePolicy,
  policyErrorMessages,
} from "../../policy/index.ts";
import type { ParsedStatement } from "../../policy/types.ts";
import { restResult } from "../protocols/rest-result.ts";
import type { World } from "../world/world.ts";
import { authorizeS3 } from "./s3-access.ts";
import { malformedPolicy, noSuchBucketPolicy } from "./s3-errors.ts";
import { addressedBucket, requesterOf, type S3Context } from "./s3-request.ts";
import type { S3Bucket } from "./s3-store.ts";

const MESSAGE_MAP: Array<[string, string]> = [
  [policyErrorMessages.syntax, "This policy contains invalid Json"],
  [policyErrorMessages.missingPrincipal, "Missing required field Principal"],
  [policyErrorMessages.missingEffect, "Missing required field Effect"],
  [policyErrorMessages.missingActions, "Missing required field Action"],
  [policyErrorMessages.missingResources, "Missing required field Resource"],
  [policyErrorMessages.invalidAction, "Policy has invalid action"],
  [policyErrorMessages.vendorPrefix, "Policy has invalid action"],
  [policyErrorMessages.oneColon, "Policy has invalid action"],
  [policyErrorMessages.vendorWildcard, "Policy has invalid action"],
];

function s3Message(error: PolicyValidationError): string {
  const text = error.message;
  if (text.startsWith("Invalid principal")) return "Invalid principal in policy";
  if (text.startsWith("Resource ")) return "Policy has invalid resource";
  return MESSAGE_MAP.find(([engine]) => engine === text)?.[1] ?? text;
}

/** Object-level actions act on `bucket/key` ARNs; everything else on the bucket ARN. */
function actionLevels(action: string): Array<"bucket" | "object"> {
  const name = action.split(":")[1] ?? action;
  if (action === "*" || /[*?]/.test(name)) return ["bucket", "object"];
  return /Object|MultipartUpload(?!s)|MultipartUploadParts/.test(name) ? ["object"] : ["bucket"];
}

function checkStatement(s: ParsedStatement, bucket: string): void {
  const resources = s.resource ?? s.notResource ?? [];
  const levels = new Set<"bucket" | "object">();
  for (const r of resources) {
    const m = /^arn:aws:s3:::([^/]+)(\/.*)?$/.exec(r);
    if (!m || !matchesPattern(m[1]!, bucket, "arn")) throw malformedPolicy("Policy has invalid resource");
    levels.add(m[2] === undefined ? "bucket" : "object");
  }
  for (const action of s.action ?? []) {
    if (action !== "*" && !action.toLowerCase().startsWith("s3:"))
      throw malformedPolicy("Policy has invalid action");
    if (s.notResource) continue;
    if (!actionLevels(action).some((level) => levels.has(level))) {
      throw malformedPolicy("Action does not apply to any resource(s) in statement");
    }
  }
}

/** Validate a bucket policy as S3 does on PutBucketPolicy; throws MalformedPolicy. */
export function validateBucketPolicy(world: World, text: string, bucket: string): void {
  if (!text.trimStart().startsWith("{")) {
    throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  }
  let parsed: ReturnType<typeof parsePolicy>;
  try {
    parsed = parsePolicy(text, "resource", { principalExists: (arn) => world.iam.principalExists(arn) });
  } catch (error) {
    if (error instanceof PolicyValidationError) throw malformedPolicy(s3Message(error));
    throw error;
  }
  for (const s of parsed.statements) checkStatement(s, bucket);
}

/** Authorize a bucket-policy operation: the owner's root user is not bound by the bucket policy. */
function authorizePolicyOperation(world: World, ctx: S3Context, action: string, bucket: S3Bucket): void {
  const who = requesterOf(world, ctx);
  const ownerRoot = who.caller.kind === "root" && who.caller.account === bucket.account;
  authorizeS3(who, { action, bucket: ownerRoot ? { ...bucket, policy: undefined } : bucket });
}

export const putBucketPolicy = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizePolicyOperation(world, ctx, "s3:PutBucketPolicy", bucket);
  const text = ctx.http.body.toString("utf8");
  validateBucketPolicy(world, text, bucket.name);
  bucket.policy = text;
  return restResult({ status: 204 });
};

export const getBucketPolicy = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizePolicyOperation(world, ctx, "s3:GetBucketPolicy", bucket);
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket.name);
  return restResult({ status: 200, headers: { "content-type": "application/json" }, body: bucket.policy });
};

export const deleteBucketPolicy = (world: World) => (ctx: S3Context) => {
  const bucket = addressedBucket(world, ctx);
  authorizePolicyOperation(world, ctx, "s3:DeleteBucketPolicy", bucket);
  bucket.policy = undefined;
  return restResult({ status: 204 });
};
