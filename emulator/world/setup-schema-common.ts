/** Field schemas shared by the setup file's sections, each failing with what a good value looks like. */
import * as z from "zod";

export const accountId = z
  .string()
  .regex(/^\d{12}$/, 'expected a 12-digit account id such as "111111111111"');

/** An account id, or the alias of an account declared under `accounts`. Resolved to an id on load. */
export const accountRef = z
  .string()
  .min(1, 'expected an account id such as "111111111111" or an alias declared under accounts');

export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'expected a region such as "ap-northeast-1"');

/** A policy document as JSON text or as an object (YAML mapping); validated by the policy engine. */
export const policyDocument = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'expected a policy document: an object with "Version" and "Statement", or its JSON text',
});

export const tags = z.record(
  z.string().min(1).max(128, "tag keys are at most 128 characters"),
  z.string().max(256, "tag values are at most 256 characters"),
);

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (RoleName pattern)
export const iamName = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, "expected 1-64 characters from letters, digits and +=,.@_- (e.g. my-role)");

export const policyName = z
  .string()
  .regex(/^[\w+=,.@-]{1,128}$/, "expected 1-128 characters from letters, digits and +=,.@_-");

export const iamPath = z
  .string()
  .regex(
    /^\/([\x21-\x7E]{0,510}\/)?$/,
    'expected a path that starts and ends with "/", such as "/" or "/service-role/"',
  );

export const iamPolicyArn = z
  .string()
  .regex(
    /^arn:aws:iam::(aws|\d{12}):policy\/([\x21-\x7E]*\/)?[\w+=,.@-]+$/,
    "expected a policy ARN such as arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess or arn:aws:iam::111111111111:policy/MyPolicy",
  );

export const roleArn = z
  .string()
  .regex(
    /^arn:aws:iam::\d{12}:role\/([\x21-\x7E]*\/)?[\w+=,.@-]+$/,
    "expected a role ARN such as arn:aws:iam::222222222222:role/my-role",
  );

export const uniqueId = (prefix: "AROA" | "AIDA" | "ANPA") =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}[A-Z2-7]{17}$`),
      `expected a unique id of 21 characters starting with ${prefix} (e.g. ${prefix}ABCDEFGHIJKLMNOPQ)`,
    );

export const isoDate = z.iso.datetime({ error: "expected an ISO 8601 time such as 2026-01-01T00:00:00Z" });

export const inlinePolicy = z.strictObject({ name: policyName, document: policyDocument });

/** Array elements marked `$delete: true` remove the same-named element of the setup being extended. */
export const deletable = { $delete: z.literal(true).optional() };
