/**
 * The chain's fields as the outside sees them: the environment variable behind each, and an example
 * of a good value (used in every validation message, .env.example and the README's config table).
 */

/** Environment variable behind each chain field, for messages and the `.env` loader. */
export const CHAIN_ENV = {
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
} as const;

export const EXAMPLES = {
  region: "ap-northeast-1",
  functionName: "chaincheck-probe",
  lambdaRoleArn: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
  targetRoleArn: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
  externalId: "chaincheck-external-id",
  sessionName: "chaincheck",
  durationSeconds: "900 (or 15m, 1h)",
  clusterId: "chaincheck-cluster",
  workgroupName: "chaincheck-wg",
  database: "dev",
  dbUser: "app_user",
  secretArn: "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:chaincheck/app_user-AbCdEf",
  copySource: "s3://chaincheck-copy-source/orders/",
  copyRoleArn: "arn:aws:iam::222222222222:role/chaincheck-copy-role",
  table: "public.orders",
  copyOptions: "FORMAT AS CSV IGNOREHEADER 1",
  scratchSchema: "public",
} as const satisfies Record<keyof typeof CHAIN_ENV, string>;
