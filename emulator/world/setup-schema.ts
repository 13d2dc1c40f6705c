/**
 * The setup file: the whole world of the embedded target (docs/contracts.md) plus the `chain` the
 * harness walks. YAML or JSON; `extends: ./other.yaml` + overrides (see merge-setups.ts).
 *
 * Top-level keys: extends, description, expect, seed, accounts, organizations, users, roles,
 * policies, lambdaFunctions, redshiftClusters, serverlessNamespaces, serverlessWorkgroups,
 * secrets, kmsKeys, s3Buckets, chain.
 */
import * as z from "zod";
import { region, roleArn } from "./setup-schema-common.ts";
import {
  accountSchema,
  managedPolicySchema,
  organizationSchema,
  roleSchema,
  userSchema,
} from "./setup-schema-iam.ts";
import {
  kmsKeySchema,
  lambdaFunctionSchema,
  redshiftClusterSchema,
  s3BucketSchema,
  secretSchema,
  serverlessNamespaceSchema,
  serverlessWorkgroupSchema,
} from "./setup-schema-services.ts";

/** The same fields as the env config for real accounts; every reference may be deliberately wrong. */
export const chainSchema = z.strictObject({
  functionName: z.string().min(1),
  /** The execution role the function should run as (CHAINCHECK_LAMBDA_ROLE_ARN); link 1 compares. */
  lambdaRoleArn: roleArn.optional(),
  targetRoleArn: z.string().min(1),
  externalId: z.string().min(2).max(1224).optional(),
  sessionName: z.string().optional(),
  durationSeconds: z.number().int().optional(),
  region,
  clusterId: z.string().optional(),
  workgroupName: z.string().optional(),
  database: z.string().min(1),
  dbUser: z.string().optional(),
  secretArn: z.string().optional(),
  /** COPY source, e.g. s3://chaincheck-copy-source/input/sales.csv */
  copySource: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]+[a-z0-9](\/[^'\\\p{Cc}]*)?$/u,
      "expected an S3 URI without quotes, backslashes or control characters, such as s3://bucket/prefix/file.csv",
    )
    .optional(),
  copyRoleArn: z
    .union([roleArn, z.string().regex(/^arn:aws:iam::\d{12}:role\/.+,arn:aws:iam::.+$/)])
    .optional(),
  /** Target table of the COPY (schema.table or table). */
  table: z.string().optional(),
  /** Extra COPY options, e.g. "CSV IGNOREHEADER 1". */
  copyOptions: z.string().optional(),
  /** Schema where the COPY check creates (and always drops) its scratch table (CHAINCHECK_SCRATCH_SCHEMA); default public. */
  scratchSchema: z.string().optional(),
});

export const setupSchema = z.strictObject({
  extends: z.string().optional(),
  description: z.string().optional(),
  /** For scenarios: the link and cause the harness must report. */
  expect: z.strictObject({ link: z.string(), cause: z.string(), settled: z.boolean().optional() }).optional(),
  /** Seed of generated ids and keys (same seed → same ids). */
  seed: z.string().default("chaincheck"),
  accounts: z.array(accountSchema).min(1, "expected at least one account"),
  organizations: z.array(organizationSchema).default([]),
  users: z.array(userSchema).default([]),
  roles: z.array(roleSchema).default([]),
  policies: z.array(managedPolicySchema).default([]),
  lambdaFunctions: z.array(lambdaFunctionSchema).default([]),
  redshiftClusters: z.array(redshiftClusterSchema).default([]),
  serverlessNamespaces: z.array(serverlessNamespaceSchema).default([]),
  serverlessWorkgroups: z.array(serverlessWorkgroupSchema).default([]),
  secrets: z.array(secretSchema).default([]),
  kmsKeys: z.array(kmsKeySchema).default([]),
  s3Buckets: z.array(s3BucketSchema).default([]),
  chain: chainSchema.optional(),
});

/** What a setup file may contain (before defaults). */
export type SetupInput = z.input<typeof setupSchema>;
/** A layer that extends another setup: any subset of the keys (checked once merged). */
export type SetupLayer = { extends?: string } & { [K in keyof SetupInput]?: unknown };
/** A validated setup: defaults applied, account aliases resolved to ids, `$delete` entries gone. */
export type Setup = z.output<typeof setupSchema> & {
  /** Directory that relative fixture paths (`file:`) resolve against. */
  baseDir: string;
};
export type SetupOrganization = Setup["organizations"][number];
