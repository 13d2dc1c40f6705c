/**
 * Setup sections for the regional services of the chain: Lambda, Redshift (provisioned and
 * serverless), Secrets Manager, KMS and S3. Each service seeds its slot of the world from its
 * section on first use (their shape is the contract).
 */
import * as z from "zod";
import { accountRef, deletable, policyDocument, region, roleArn, tags } from "./setup-schema-common.ts";

const dbIdentifier = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_$]{0,126}$/,
    "expected a database identifier such as app_user (letters, digits, _)",
  );

/** A DB user name: an identifier, or one of the names IAM authentication creates
 *  (`IAM:<user>`, `IAMA:<user>`, `IAMR:<role>`), which Redshift stores as quoted names. */
const dbUserName = z
  .string()
  .regex(
    /^(?:(?:IAM|IAMA|IAMR):[\w+=,.@-]{1,64}|[A-Za-z_][A-Za-z0-9_$]{0,126})$/,
    "expected a database user such as app_user, or IAM:<user> / IAMR:<role>",
  );

export const lambdaFunctionSchema = z.strictObject({
  account: accountRef,
  region,
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "expected a function name of 1-64 letters, digits, - and _"),
  role: roleArn,
  runtime: z.string().default("nodejs20.x"),
  handler: z.string().default("index.handler"),
  timeout: z.number().int().min(1).max(900).default(30),
  memorySize: z.number().int().min(128).max(10240).default(128),
  environment: z.record(z.string(), z.string()).default({}),
  /** The code to run: the project's probe (default), a file path relative to the setup, or inline text. */
  code: z
    .union([
      z.strictObject({ probe: z.literal(true) }),
      z.strictObject({ file: z.string().min(1) }),
      z.strictObject({ inline: z.string().min(1) }),
    ])
    .default({ probe: true }),
  vpc: z.strictObject({ subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) }).optional(),
  tags: tags.default({}),
  ...deletable,
});

export const dbUserSchema = z.strictObject({
  name: dbUserName,
  password: z.string().optional(),
  groups: z.array(dbIdentifier).default([]),
  superuser: z.boolean().default(false),
  createdb: z.boolean().default(false),
  ...deletable,
});

export const dbGroupSchema = z.strictObject({ name: dbIdentifier, ...deletable });

/**
 * A GRANT as Redshift writes it. `to` is a user, `group <name>`, `role <name>` or `PUBLIC`; `on` is
 * `table <schema.table>`, `all tables in schema <schema>`, `schema <schema>`, `database <db>` or
 * `iam_role <arn> for copy` (the ASSUMEROLE privilege).
 */
export const grantSchema = z.strictObject({
  database: z.string().optional(),
  to: z.string().min(1),
  privileges: z.array(z.string().min(1)).min(1),
  on: z
    .string()
    .regex(
      /^(table\s+\S+|all tables in schema\s+\S+|schema\s+\S+|database\s+\S+|iam_role\s+\S+(\s+for\s+\w+)?)$/i,
      'expected "table <schema.table>", "all tables in schema <schema>", "schema <s>", "database <db>" or "iam_role <arn> for copy"',
    ),
});

export const tableSchema = z.strictObject({
  schema: z.string().default("public"),
  name: dbIdentifier,
  columns: z.array(z.strictObject({ name: dbIdentifier, type: z.string().min(1) })).min(1),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))).default([]),
  owner: z.string().optional(),
  ...deletable,
});

export const databaseSchema = z.strictObject({
  name: dbIdentifier,
  tables: z.array(tableSchema).default([]),
  /** Extra SQL run as the master user after the tables are created. */
  sql: z.array(z.string()).default([]),
  ...deletable,
});

const dbContents = {
  databases: z.array(databaseSchema).default([]),
  dbUsers: z.array(dbUserSchema).default([]),
  dbGroups: z.array(dbGroupSchema).default([]),
  grants: z.array(grantSchema).default([]),
  iamRoles: z.array(roleArn).default([]),
  defaultIamRole: roleArn.optional(),
  kmsKeyId: z.string().optional(),
  tags: tags.default({}),
};

export const redshiftClusterSchema = z.strictObject({
  account: accountRef,
  region,
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,62}$/,
      'expected a cluster identifier such as "chaincheck-cluster" (lower case)',
    ),
  masterUsername: dbIdentifier.default("awsuser"),
  masterPassword: z.string().optional(),
  nodeType: z.string().default("ra3.xlplus"),
  numberOfNodes: z.number().int().min(1).default(1),
  port: z.number().int().default(5439),
  status: z.enum(["available", "paused", "creating", "deleting"]).default("available"),
  encrypted: z.boolean().default(false),
  enhancedVpcRouting: z.boolean().default(false),
  publiclyAccessible: z.boolean().default(false),
  ...dbContents,
  ...deletable,
});

export const serverlessNamespaceSchema = z.strictObject({
  account: accountRef,
  region,
  name: z.string().regex(/^[a-z0-9-]{3,64}$/, 'expected a namespace name such as "chaincheck-ns"'),
  dbName: dbIdentifier.default("dev"),
  adminUsername: dbIdentifier.default("admin"),
  adminPassword: z.string().optional(),
  ...dbContents,
  ...deletable,
});

export const serverlessWorkgroupSchema = z.strictObject({
  account: accountRef,
  region,
  name: z.string().regex(/^[a-z0-9-]{3,64}$/, 'expected a workgroup name such as "chaincheck-wg"'),
  namespace: z.string().min(1),
  baseCapacity: z.number().int().default(8),
  enhancedVpcRouting: z.boolean().default(false),
  tags: tags.default({}),
  ...deletable,
});

export const secretSchema = z.strictObject({
  account: accountRef,
  region,
  name: z.string().regex(/^[\w/+=.@-]{1,512}$/, "expected a secret name such as redshift/app_user"),
  /** Fixed ARN suffix (6 characters); generated otherwise. */
  arnSuffix: z
    .string()
    .regex(/^[A-Za-z0-9]{6}$/, "expected 6 letters or digits")
    .optional(),
  description: z.string().optional(),
  secretString: z.string().optional(),
  /** Convenience: an object stored as its JSON text (e.g. { username, password, dbClusterIdentifier }). */
  secretJson: z.record(z.string(), z.unknown()).optional(),
  kmsKeyId: z.string().optional(),
  policy: policyDocument.optional(),
  tags: tags.default({}),
  ...deletable,
});

export const kmsKeySchema = z.strictObject({
  account: accountRef,
  region,
  id: z.uuid({ error: "expected a key id (UUID) such as 1234abcd-12ab-44cd-a6ef-1234567890ab" }),
  aliases: z
    .array(z.string().regex(/^alias\/[\w/-]+$/, 'expected an alias such as "alias/chaincheck"'))
    .default([]),
  description: z.string().optional(),
  enabled: z.boolean().default(true),
  /** Key policy; AWS's default key policy (account root may use the key via IAM) when absent. */
  policy: policyDocument.optional(),
  ...deletable,
});

export const s3ObjectSchema = z
  .strictObject({
    key: z.string().min(1).max(1024),
    /** Inline text content. */
    body: z.string().optional(),
    /** Path of a fixture file, relative to the setup file. */
    file: z.string().optional(),
    contentType: z.string().optional(),
    sse: z.enum(["AES256", "aws:kms"]).optional(),
    kmsKeyId: z.string().optional(),
    tags: tags.default({}),
    ...deletable,
  })
  .refine((o) => o.$delete || (o.body === undefined) !== (o.file === undefined), {
    message: 'expected exactly one of "body" (inline text) or "file" (fixture path)',
  });

export const s3BucketSchema = z.strictObject({
  account: accountRef,
  region,
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected a bucket name such as "chaincheck-copy-source"'),
  policy: policyDocument.optional(),
  encryption: z
    .strictObject({ sse: z.enum(["AES256", "aws:kms"]), kmsKeyId: z.string().optional() })
    .optional(),
  objects: z.array(s3ObjectSchema).default([]),
  tags: tags.default({}),
  ...deletable,
});
