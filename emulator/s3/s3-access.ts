/**
 * S3 authorization: the caller's identity-side policies and the bucket policy, evaluated by the
 * policy engine with S3's resource ARNs and condition keys, and S3's AccessDenied texts.
 *
 * - Bucket actions (s3:ListBucket, s3:GetBucketPolicy, …) on `arn:aws:s3:::bucket`; object actions
 *   (s3:GetObject, s3:PutObject, s3:DeleteObject) on `arn:aws:s3:::bucket/key`.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 * - Same account: identity policy or bucket policy suffices; another account: both must allow;
 *   an explicit Deny anywhere wins (the engine's evaluation logic).
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html
 * - Texts: since 2024 S3 puts the IAM-style context into AccessDenied for requests from the bucket
 *   owner's account or organization — `User: <arn> is not authorized to perform: s3:GetObject on
 *   resource: "arn:aws:s3:::b/k" because no identity-based policy allows the s3:GetObject action`
 *   (resource quoted; aws-ia/terraform-aws-bedrock#41, noobaa/noobaa-core#10060 for the explicit
 *   deny form) — and still a bare "Access Denied" for requests from outside it.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html
 * - SSE-KMS: reading needs kms:Decrypt, writing kms:GenerateDataKey, checked as KMS does with
 *   `kms:ViaService` = s3.<region>.amazonaws.com and the object ARN as encryption context; a deny is
 *   S3's AccessDenied carrying KMS's text (unquoted key ARN; ministryofjustice/modernisation-platform
 *   #11726) in the same account/org, "Access Denied" otherwise (boto/boto3#2952).
 *
 * Condition keys set here: aws:SecureTransport (false over the emulator's plain http, true for
 * Redshift's internal reads), aws:ResourceAccount, s3:ResourceAccount, s3:signatureversion,
 * s3:authType; operations add s3:prefix, s3:delimiter, s3:max-keys, s3:x-amz-server-side-encryption…
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html
 *
 * Known gaps: ACLs (objects owned by another account are readable by that account only), Block
 * Public Access, access points, VPC endpoint policies, RCPs, s3:signatureAge, S3 Bucket Keys.
 */
import { denyMessage } from "../../policy/index.ts";
import type { EvaluationResult, RequestContextKeys } from "../../policy/types.ts";
import type { AwsError } from "../core/errors.ts";
import type { Caller } from "../core/types.ts";
import { authorizeKeyUse, type KeyUseAction } from "../kms/authorize-key-use.ts";
import { findKey } from "../kms/kms-key-store.ts";
import type { World } from "../world/world.ts";
import { accessDenied, kmsDisabled, kmsNotFound } from "./s3-errors.ts";
import type { S3Bucket } from "./s3-store.ts";

export interface S3Requester {
  world: World;
  caller: Caller;
  /** Records decisions for the debug endpoint under this id. */
  requestId?: string;
  /** False for requests over the emulator's http endpoint. */
  secureTransport: boolean;
}

export interface S3Check {
  action: string;
  bucket: S3Bucket;
  key?: string;
  context?: RequestContextKeys;
}

export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;

export function evaluateS3(who: S3Requester, check: S3Check): EvaluationResult {
  const { bucket } = check;
  const resource = check.key === undefined ? bucketArn(bucket.name) : objectArn(bucket.name, check.key);
  return who.world.check(
    who.caller,
    {
      action: check.action,
      resource,
      resourceAccount: bucket.account,
      resourcePolicy: bucket.policy
        ? { type: "resource", name: bucketArn(bucket.name), document: bucket.policy }
        : undefined,
      context: {
        "aws:SecureTransport": String(who.secureTransport),
        "aws:ResourceAccount": bucket.account,
        "s3:ResourceAccount": bucket.account,
        "s3:signatureversion": "AWS4-HMAC-SHA256",
        "s3:authType": "REST-HEADER",
        ...check.context,
      },
    },
    who.requestId ? { requestId: who.requestId } : undefined,
  );
}

/** True when S3 shows the caller the detailed AccessDenied context for a resource of `owner`. */
export function sameAccountOrOrg(world: World, caller: string, owner: string): boolean {
  if (caller === owner) return true;
  return world.setup.organizations.some((o) => {
    const members = [o.managementAccount, ...o.accounts];
    return members.includes(caller) && members.includes(owner);
  });
}

export function s3DeniedMessage(who: S3Requester, check: S3Check, result: EvaluationResult): string {
  if (!sameAccountOrOrg(who.world, who.caller.account, check.bucket.account)) return "Access Denied";
  const resource =
    check.key === undefined ? bucketArn(check.bucket.name) : objectArn(check.bucket.name, check.key);
  return denyMessage(
    { ...result, plainMessage: false },
    { callerArn: who.caller.arn, action: check.action, resource: `"${resource}"` },
  );
}

/** Evaluate and throw S3's AccessDenied on a deny. */
export function authorizeS3(who: S3Requester, check: S3Check): void {
  const result = evaluateS3(who, check);
  if (result.decision !== "Allow") throw accessDenied(s3DeniedMessage(who, check, result));
}

export interface KeyUseOutcome {
  result: EvaluationResult;
  keyArn: string;
  /** The error S3 answers with, when the key use is not allowed. */
  error?: AwsError;
}

/** kms:Decrypt / kms:GenerateDataKey for an SSE-KMS object, as S3 asks KMS on the caller's behalf. */
export function checkKeyUseViaS3(
  who: S3Requester,
  bucket: S3Bucket,
  key: string,
  keyArn: string,
  action: Extract<KeyUseAction, "kms:Decrypt" | "kms:GenerateDataKey">,
): KeyUseOutcome {
  const kmsKey = findKey(who.world, bucket.account, bucket.region, keyArn);
  if (!kmsKey) {
    const result: EvaluationResult = { decision: "ImplicitDeny", trace: [], missing: ["resource"] };
    return { result, keyArn, error: kmsNotFound(keyArn) };
  }
  const result = authorizeKeyUse(who.world, who.caller, kmsKey, action, {
    viaService: `s3.${bucket.region}.amazonaws.com`,
    encryptionContext: { "aws:s3:arn": objectArn(bucket.name, key) },
    extra: { "aws:SecureTransport": String(who.secureTransport) },
    requestId: who.requestId,
  });
  if (result.decision === "Allow") {
    return kmsKey.enabled
      ? { result, keyArn: kmsKey.arn }
      : { result, keyArn, error: kmsDisabled(kmsKey.arn) };
  }
  const message = sameAccountOrOrg(who.world, who.caller.account, kmsKey.account)
    ? denyMessage(
        { ...result, plainMessage: false },
        { callerArn: who.caller.arn, action, resource: kmsKey.arn },
      )
    : "Access Denied";
  return { result, keyArn: kmsKey.arn, error: accessDenied(message) };
}
