/**
 * readObjectsAs: read objects through the S3 model as a given caller, with exactly the checks a
 * real S3 request from that caller gets — for Redshift COPY, which reads the source with the
 * cluster role's session (session name RedshiftIamRoleSession) over HTTPS.
 *
 * Order, as S3 answers a COPY's requests: bucket exists (404 NoSuchBucket) → bucket region vs the
 * region the reader sends to (301 PermanentRedirect) → for a prefix, s3:ListBucket with s3:prefix,
 * and "prefix-empty" when nothing matches → per object s3:GetObject (a missing manifest key is 404
 * NoSuchKey with s3:ListBucket, else 403) → for SSE-KMS objects kms:Decrypt via S3.
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-access-permissions.html
 *
 * Failures carry S3's code, status and message (the message is "Access Denied" for a caller from
 * another account outside the bucket owner's organization, as S3 answers today), plus which
 * policy decided, so COPY can render Redshift's `S3ServiceException:<message>,Status <status>,Error
 * <code>,Rid <requestId>,ExtRid <extendedRequestId>,…` and the harness can name the cause.
 *
 * Known gaps: no Bucket Keys (encryption context is always the object ARN); no throttling/5xx.
 */
import { randomBytes } from "node:crypto";
import type { EvaluationResult, PolicyType } from "../../policy/types.ts";
import type { Caller } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { listPage } from "./list-objects-v2.ts";
import {
  bucketArn,
  checkKeyUseViaS3,
  evaluateS3,
  objectArn,
  type S3Requester,
  s3DeniedMessage,
} from "./s3-access.ts";
import { permanentRedirect } from "./s3-errors.ts";
import type { S3Bucket, Sse } from "./s3-store.ts";

export interface ReadObjectsRequest {
  bucket: string;
  /** Every object whose key starts with this (COPY's prefix match; "" = the whole bucket). */
  prefix?: string;
  /** Exactly these keys (a manifest's entries); takes precedence over `prefix`. */
  keys?: string[];
  /** The region requests are sent to: the cluster's region, or COPY's REGION option. */
  region: string;
  /** Records decisions for GET /_chaincheck/decisions under this id. */
  requestId?: string;
}

export interface ObjectRead {
  key: string;
  /** The plaintext body (S3 decrypts SSE-S3 and SSE-KMS objects for an authorized reader). */
  body: Buffer;
  size: number;
  etag: string;
  lastModified: Date;
  contentType: string;
  sse: Sse;
  kmsKeyArn?: string;
}

/** Which policy stopped the request: an explicit Deny in `policyType`, or no Allow in `missing`. */
export interface Denial {
  explicit: boolean;
  /** The deciding policy type; "acl" for objects owned by another account. */
  policyType: PolicyType | "acl";
  missing: PolicyType[];
  evaluation: EvaluationResult;
}

interface FailureBase {
  status: number;
  code: string;
  message: string;
  bucket: string;
  /** S3-style request ids for Redshift's `Rid`/`ExtRid`. */
  requestId: string;
  extendedRequestId: string;
}

export type ReadFailure =
  | (FailureBase & { kind: "no-such-bucket" })
  | (FailureBase & { kind: "wrong-region"; bucketRegion: string; endpoint: string })
  | (FailureBase & {
      kind: "access-denied";
      action: "s3:ListBucket" | "s3:GetObject";
      key?: string;
      resource: string;
      denial: Denial;
    })
  | (FailureBase & { kind: "kms-denied"; key: string; keyArn: string; denial?: Denial })
  | (FailureBase & { kind: "no-such-key"; key: string })
  | (FailureBase & { kind: "prefix-empty"; prefix: string });

export type ReadObjectsResult = { ok: true; objects: ObjectRead[] } | { ok: false; failure: ReadFailure };

function ids() {
  return {
    requestId: randomBytes(8).toString("hex").toUpperCase(),
    extendedRequestId: randomBytes(57).toString("base64"),
  };
}

function denialOf(result: EvaluationResult): Denial {
  if (result.decision === "ExplicitDeny" && result.deniedBy) {
    return { explicit: true, policyType: result.deniedBy.policyType, missing: [], evaluation: result };
  }
  const missing = result.missing ?? [];
  return { explicit: false, policyType: missing[0] ?? "identity", missing, evaluation: result };
}

const fail = (failure: ReadFailure): ReadObjectsResult => ({ ok: false, failure });

export function readObjectsAs(world: World, caller: Caller, request: ReadObjectsRequest): ReadObjectsResult {
  const who: S3Requester = { world, caller, requestId: request.requestId, secureTransport: true };
  const bucket = world.s3.get(request.bucket);
  const name = request.bucket;
  if (!bucket) {
    return fail({
      kind: "no-such-bucket",
      status: 404,
      code: "NoSuchBucket",
      message: "The specified bucket does not exist",
      bucket: name,
      ...ids(),
    });
  }
  if (bucket.region !== request.region) {
    const redirect = permanentRedirect(bucket.name, bucket.region);
    return fail({
      kind: "wrong-region",
      status: 301,
      code: "PermanentRedirect",
      message: redirect.message,
      bucket: name,
      bucketRegion: bucket.region,
      endpoint: String(redirect.fields.Endpoint),
      ...ids(),
    });
  }
  let keys: string[];
  if (request.keys) {
    keys = request.keys;
  } else {
    const prefix = request.prefix ?? "";
    const check = { action: "s3:ListBucket", bucket, context: { "s3:prefix": prefix } };
    const listed = evaluateS3(who, check);
    if (listed.decision !== "Allow") return denied(who, bucket, "s3:ListBucket", undefined, listed, check);
    keys = listAll(bucket, prefix);
    if (keys.length === 0) {
      return fail({
        kind: "prefix-empty",
        status: 404,
        code: "NoSuchKey",
        message: `The specified S3 prefix '${prefix}' does not exist`,
        bucket: name,
        prefix,
        ...ids(),
      });
    }
  }
  const objects: ObjectRead[] = [];
  for (const key of keys) {
    const check = { action: "s3:GetObject", bucket, key };
    const got = evaluateS3(who, check);
    if (got.decision !== "Allow") return denied(who, bucket, "s3:GetObject", key, got, check);
    const object = bucket.objects.get(key);
    if (!object) {
      const listCheck = { action: "s3:ListBucket", bucket, context: { "s3:prefix": key } };
      const list = evaluateS3(who, listCheck);
      if (list.decision !== "Allow") return denied(who, bucket, "s3:GetObject", key, list, listCheck);
      return fail({
        kind: "no-such-key",
        status: 404,
        code: "NoSuchKey",
        message: "The specified key does not exist.",
        bucket: name,
        key,
        ...ids(),
      });
    }
    if (object.owner !== bucket.account && caller.account !== object.owner) {
      const evaluation: EvaluationResult = { decision: "ImplicitDeny", trace: [], missing: ["resource"] };
      return fail({
        kind: "access-denied",
        status: 403,
        code: "AccessDenied",
        message: "Access Denied",
        bucket: name,
        action: "s3:GetObject",
        key,
        resource: objectArn(bucket.name, key),
        denial: { explicit: false, policyType: "acl", missing: [], evaluation },
        ...ids(),
      });
    }
    if (object.sse === "aws:kms" && object.kmsKeyArn) {
      const outcome = checkKeyUseViaS3(who, bucket, key, object.kmsKeyArn, "kms:Decrypt");
      if (outcome.error) {
        return fail({
          kind: "kms-denied",
          status: outcome.error.status,
          code: outcome.error.code,
          message: outcome.error.message,
          bucket: name,
          key,
          keyArn: outcome.keyArn,
          denial: outcome.result.decision === "Allow" ? undefined : denialOf(outcome.result),
          ...ids(),
        });
      }
    }
    objects.push({
      key,
      body: Buffer.from(object.body),
      size: object.body.length,
      etag: object.etag,
      lastModified: object.lastModified,
      contentType: object.contentType,
      sse: object.sse,
      kmsKeyArn: object.kmsKeyArn,
    });
  }
  return { ok: true, objects };
}

function listAll(bucket: S3Bucket, prefix: string): string[] {
  const keys: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = listPage(bucket, { prefix, maxKeys: 1000, after });
    keys.push(...page.contents.map((o) => o.key));
    if (!page.isTruncated || page.last === undefined) return keys;
    after = page.last;
  }
}

function denied(
  who: S3Requester,
  bucket: S3Bucket,
  action: "s3:ListBucket" | "s3:GetObject",
  key: string | undefined,
  result: EvaluationResult,
  check: Parameters<typeof s3DeniedMessage>[1],
): ReadObjectsResult {
  return fail({
    kind: "access-denied",
    status: 403,
    code: "AccessDenied",
    message: s3DeniedMessage(who, check, result),
    bucket: bucket.name,
    action,
    key,
    resource: check.key === undefined ? bucketArn(bucket.name) : objectArn(bucket.name, check.key),
    denial: denialOf(result),
    ...ids(),
  });
}
