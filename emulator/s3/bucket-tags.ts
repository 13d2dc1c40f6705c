/**
 * The `Tags` of CreateBucket's CreateBucketConfiguration, validated as AWS answered them
 * (test/parity, TestS3BucketObjectTagging::test_create_bucket_with_tags_exc): a tag without its Key
 * or Value is MalformedXML; an `aws:` key, or a key or value outside the tag alphabet (letters,
 * digits, spaces and `_ . : / = + - @`), is InvalidTag.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-managing.html
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html
 *
 * Known gaps: a repeated key answers InvalidTag "Cannot provide multiple Tags with the same key"
 * (PutBucketTagging's text [I]; AWS answered CreateBucket's with a 500 when it was recorded); the
 * tags are validated, not kept (GetBucketTagging is not implemented).
 */
import { AwsError } from "../core/errors.ts";
import { malformedXml } from "./s3-errors.ts";

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const invalidTag = (message: string, fields: Record<string, string>) =>
  new AwsError("InvalidTag", message, { status: 400, fields });

export function checkBucketTags(tags: unknown): Record<string, string> {
  if (tags === undefined || tags === "") return {};
  const raw = (tags as { Tag?: unknown }).Tag;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out: Record<string, string> = {};
  for (const tag of list as { Key?: unknown; Value?: unknown }[]) {
    if (tag === null || typeof tag !== "object" || tag.Key === undefined || tag.Value === undefined)
      throw malformedXml();
    const key = String(tag.Key);
    const value = String(tag.Value);
    if (key.toLowerCase().startsWith("aws:")) {
      throw invalidTag(
        'User-defined tag keys can\'t start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.',
        {},
      );
    }
    if (key.length === 0 || key.length > 128 || !TAG_TEXT.test(key))
      throw invalidTag("The TagKey you have provided is invalid", { TagKey: key });
    if (value.length > 256 || !TAG_TEXT.test(value))
      throw invalidTag("The TagValue you have provided is invalid", { TagKey: key, TagValue: value });
    if (key in out) throw invalidTag("Cannot provide multiple Tags with the same key", { TagKey: key });
    out[key] = value;
  }
  return out;
}
