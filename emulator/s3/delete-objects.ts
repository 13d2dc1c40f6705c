/**
 * DeleteObject and DeleteObjects (no versioning: a delete removes the object; deleting a missing
 * key succeeds, as S3 does).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
 *
 * DeleteObjects checks s3:DeleteObject per key and reports denials per key in `<Error>` entries,
 * not as a failed request; `Quiet` leaves successful deletions out of the result.
 * Known gaps: version ids, MFA delete, the 1000-key limit's exact error.
 */
import { XMLParser } from "fast-xml-parser";
import { restResult } from "../protocols/rest-result.ts";
import type { World } from "../world/world.ts";
import { authorizeS3, evaluateS3, s3DeniedMessage } from "./s3-access.ts";
import { malformedXml } from "./s3-errors.ts";
import { addressedBucket, objectKey, rejectVersionId, requesterOf, type S3Context } from "./s3-request.ts";
import { checkDeletePreconditions, rejectGovernanceBypass } from "./write-preconditions.ts";

export const deleteObject = (world: World) => (ctx: S3Context) => {
  const who = requesterOf(world, ctx);
  const bucket = addressedBucket(world, ctx);
  rejectVersionId(ctx);
  const key = objectKey(ctx);
  authorizeS3(who, { action: "s3:DeleteObject", bucket, key });
  rejectGovernanceBypass(ctx);
  checkDeletePreconditions(ctx, bucket.objects.get(key));
  bucket.objects.delete(key);
  return restResult({ status: 204 });
};

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === "Object",
});

interface DeleteRequest {
  keys: { key: string; versionId?: string }[];
  quiet: boolean;
}

function parseDeleteRequest(body: Buffer): DeleteRequest {
  let doc: { Delete?: { Object?: Array<{ Key?: unknown; VersionId?: unknown }>; Quiet?: unknown } };
  try {
    doc = parser.parse(body.toString("utf8"));
  } catch {
    throw malformedXml();
  }
  const objects = doc.Delete?.Object;
  if (!objects || objects.length === 0) throw malformedXml();
  const keys = objects.map((o) => {
    if (o.Key === undefined || o.Key === "") throw malformedXml();
    return { key: String(o.Key), versionId: o.VersionId === undefined ? undefined : String(o.VersionId) };
  });
  return { keys, quiet: String(doc.Delete?.Quiet ?? "false").toLowerCase() === "true" };
}

export const deleteObjects = (world: World) => (ctx: S3Context) => {
  const who = requesterOf(world, ctx);
  const bucket = addressedBucket(world, ctx);
  rejectGovernanceBypass(ctx);
  const { keys, quiet } = parseDeleteRequest(ctx.http.body);
  const deleted: Array<{ Key: string }> = [];
  const errors: Array<{ Key: string; VersionId?: string; Code: string; Message: string }> = [];
  for (const { key, versionId } of keys) {
    // No bucket here is versioned: a version other than "null" does not exist (recorded, test/parity).
    if (versionId !== undefined && versionId !== "null") {
      errors.push({
        Key: key,
        VersionId: versionId,
        Code: "NoSuchVersion",
        Message: "The specified version does not exist.",
      });
      continue;
    }
    const check = { action: "s3:DeleteObject", bucket, key };
    const result = evaluateS3(who, check);
    if (result.decision !== "Allow") {
      errors.push({ Key: key, Code: "AccessDenied", Message: s3DeniedMessage(who, check, result) });
      continue;
    }
    bucket.objects.delete(key);
    if (!quiet) deleted.push({ Key: key });
  }
  return { DeleteResult: { Deleted: deleted, Error: errors } };
};
