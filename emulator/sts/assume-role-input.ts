/**
 * AssumeRole's request model, validated as STS does before it looks at the role: lengths and
 * patterns from the STS API reference, texts as in docs/failures.md L2-07.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
import { AwsError } from "../core/errors.ts";
import {
  checkInteger,
  checkListLength,
  checkString,
  intParam,
  throwIfInvalid,
  type Violation,
} from "../iam/validation-error.ts";

export interface AssumeRoleInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  externalId?: string;
  policy?: string;
  policyArns: string[];
  tags: Record<string, string>;
  tagKeysInOrder: string[];
  transitiveTagKeys: string[];
  sourceIdentity?: string;
}

const NAME_PATTERN: [RegExp, string] = [/^[\w+=,.@-]*$/, "[\\w+=,.@-]*"];
const EXTERNAL_ID_PATTERN: [RegExp, string] = [/^[\w+=,.@:/-]*$/, "[\\w+=,.@:\\/-]*"];
const POLICY_PATTERN: [RegExp, string] = [
  /^[\t\n\r\u0020-\u00FF]+$/,
  "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
];
const TAG_KEY_PATTERN: [RegExp, string] = [
  /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
  "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
];
const TAG_VALUE_PATTERN: [RegExp, string] = [
  /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
];

/** arn:partition:service:region:account:resource, partition, service and resource non-empty (as AWS rejects them). */
function isArnSyntax(arn: string): boolean {
  const parts = arn.split(":");
  return (
    parts.length >= 6 && parts[0] === "arn" && !!parts[1] && !!parts[2] && parts.slice(5).join(":") !== ""
  );
}

const str = (v: unknown) => (v === undefined || v === "" ? undefined : String(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function parseAssumeRoleInput(raw: Record<string, unknown>): AssumeRoleInput {
  const violations: Violation[] = [];
  const roleArn = str(raw.RoleArn);
  const roleSessionName = str(raw.RoleSessionName);
  const durationSeconds = intParam(raw.DurationSeconds);
  const externalId = str(raw.ExternalId);
  const policy = str(raw.Policy);
  const sourceIdentity = str(raw.SourceIdentity);
  const policyArns = list(raw.PolicyArns).map((p) => String((p as { arn?: unknown }).arn ?? ""));
  const rawTags = list(raw.Tags) as { Key?: unknown; Value?: unknown }[];
  const transitiveTagKeys = list(raw.TransitiveTagKeys).map(String);

  checkString(violations, "roleArn", roleArn, { required: true, min: 20, max: 2048 });
  checkString(violations, "roleSessionName", roleSessionName, {
    required: true,
    min: 2,
    max: 64,
    pattern: NAME_PATTERN,
  });
  checkInteger(violations, "durationSeconds", durationSeconds, { min: 900, max: 43200 });
  checkString(violations, "externalId", externalId, { min: 2, max: 1224, pattern: EXTERNAL_ID_PATTERN });
  checkString(violations, "policy", policy, { min: 1, max: 2048, pattern: POLICY_PATTERN });
  checkString(violations, "sourceIdentity", sourceIdentity, { min: 2, max: 64, pattern: NAME_PATTERN });
  checkListLength(violations, "policyArns", policyArns, 10);
  checkListLength(violations, "tags", rawTags, 50);
  checkListLength(violations, "transitiveTagKeys", transitiveTagKeys, 50);
  rawTags.forEach((t, i) => {
    checkString(violations, `tags.${i + 1}.member.key`, str(t.Key), {
      required: true,
      min: 1,
      max: 128,
      pattern: TAG_KEY_PATTERN,
    });
    checkString(violations, `tags.${i + 1}.member.value`, t.Value === undefined ? "" : String(t.Value), {
      max: 256,
      pattern: TAG_VALUE_PATTERN,
    });
  });
  throwIfInvalid(violations);
  if (!isArnSyntax(roleArn!)) {
    throw new AwsError("ValidationError", `${roleArn} is invalid`, { status: 400 });
  }

  const tags: Record<string, string> = {};
  for (const t of rawTags) tags[String(t.Key)] = t.Value === undefined ? "" : String(t.Value);
  return {
    roleArn: roleArn!,
    roleSessionName: roleSessionName!,
    durationSeconds,
    externalId,
    policy,
    policyArns,
    tags,
    tagKeysInOrder: rawTags.map((t) => String(t.Key)),
    transitiveTagKeys,
    sourceIdentity,
  };
}
