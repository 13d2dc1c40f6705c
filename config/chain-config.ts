/**
 * The `chain` section: what the harness checks, the same fields for a setup file's `chain:` block
 * and for real accounts' environment variables (design.md §5). Validated once; every bad or missing
 * value is reported at once, by name, with an example of a good value.
 */
import { z } from "zod";

const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/,
    "expected a role ARN like arn:aws:iam::222222222222:role/my-role",
  );
const accountRegion = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "expected an AWS region like ap-northeast-1");

export const chainConfigSchema = z
  .object({
    region: accountRegion,
    functionName: z.string().min(1, "expected a Lambda function name like chaincheck-probe"),
    lambdaRoleArn: roleArn.optional(),
    targetRoleArn: roleArn,
    externalId: z.string().min(2).max(1224).optional(),
    sessionName: z
      .string()
      .regex(/^[\w+=,.@-]{2,64}$/, "expected 2–64 characters of [A-Za-z0-9_+=,.@-], like chaincheck")
      .default("chaincheck"),
    durationSeconds: z.number().int().min(900).max(43200).default(900),
    clusterId: z.string().min(1).optional(),
    workgroupName: z.string().min(1).optional(),
    database: z.string().min(1, "expected a database name like dev"),
    dbUser: z.string().min(1).optional(),
    secretArn: z.string().startsWith("arn:aws", "expected a Secrets Manager ARN").optional(),
    copySource: z
      .string()
      .regex(/^s3:\/\/[a-z0-9.-]{3,63}(\/.*)?$/, "expected an S3 URI like s3://my-bucket/prefix/")
      .optional(),
    copyRoleArn: z.string().optional(),
    table: z.string().optional(),
    copyOptions: z.string().default("FORMAT AS CSV"),
    scratchSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_$]{0,126}$/i, "expected a schema name such as public or chaincheck_scratch")
      .default("public"),
  })
  .refine((c) => Boolean(c.clusterId) !== Boolean(c.workgroupName), {
    message: "set exactly one of clusterId (provisioned) or workgroupName (serverless)",
    path: ["clusterId"],
  });

export type ChainConfig = z.output<typeof chainConfigSchema>;

/** Environment variable behind each chain field, for messages and the `.env` loader. */
export const CHAIN_ENV: Record<keyof ChainConfig, string> = {
  region: "AWS_REGION",
  functionName: "CHAINCHECK_FUNCTION_NAME",
  lambdaRoleArn: "CHAINCHECK_LAMBDA_ROLE_ARN",
  targetRoleArn: "CHAINCHECK_TARGET_ROLE_ARN",
  externalId: "CHAINCHECK_EXTERNAL_ID",
  sessionName: "CHAINCHECK_SESSION_NAME",
  durationSeconds: "CHAINCHECK_DURATION_SECONDS",
  clusterId: "CHAINCHECK_CLUSTER_ID",
  workgroupName: "CHAINCHECK_WORKGROUP_NAME",
  database: "CHAINCHECK_DATABASE",
  dbUser: "CHAINCHECK_DB_USER",
  secretArn: "CHAINCHECK_SECRET_ARN",
  copySource: "CHAINCHECK_COPY_SOURCE",
  copyRoleArn: "CHAINCHECK_COPY_ROLE_ARN",
  table: "CHAINCHECK_COPY_TABLE",
  copyOptions: "CHAINCHECK_COPY_OPTIONS",
  scratchSchema: "CHAINCHECK_SCRATCH_SCHEMA",
};

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Validate a chain section; `label` says where each field came from ("env" → variable names). */
export function parseChainConfig(input: unknown, label: "setup" | "env"): ChainConfig {
  const result = chainConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    const name =
      label === "env" && field in CHAIN_ENV
        ? CHAIN_ENV[field as keyof ChainConfig]
        : `chain.${issue.path.join(".")}`;
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** Read the chain fields from environment variables (strings → typed values; absent → undefined). */
export function chainFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(CHAIN_ENV)) {
    const raw = env[variable];
    if (raw === undefined || raw === "") continue;
    out[field] = field === "durationSeconds" ? Number(raw) : raw;
  }
  return out;
}
