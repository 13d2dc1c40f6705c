/**
 * The seed's names, once: the setup file, the two accounts, the chain's region, cluster, bucket and
 * roles (fixtures/setups/seed.yaml). Tests that change the world say what they change; everything
 * else they name from here.
 */
import { fileURLToPath } from "node:url";

export const SEED = fileURLToPath(new URL("../../fixtures/setups/seed.yaml", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/chaincheck.js", import.meta.url));

export const A = "111111111111";
export const B = "222222222222";
export const REGION = "ap-northeast-1";
export const CLUSTER = "chaincheck-cluster";
export const BUCKET = "chaincheck-copy-source";
export const EXTERNAL_ID = "chaincheck-external-id";

export const LAMBDA_ROLE_ARN = `arn:aws:iam::${A}:role/chaincheck-lambda-role`;
export const REDSHIFT_ROLE_ARN = `arn:aws:iam::${B}:role/chaincheck-redshift-role`;
export const COPY_ROLE_ARN = `arn:aws:iam::${B}:role/chaincheck-copy-role`;
export const LAMBDA_SESSION_ARN = `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`;
export const APP_DB_USER_ARN = `arn:aws:redshift:${REGION}:${B}:dbuser:${CLUSTER}/app_user`;
export const CLUSTER_ARN = `arn:aws:redshift:${REGION}:${B}:cluster:${CLUSTER}`;

/** Every link of the chain passing, as a smoke `--state` file records a green run. */
export const ALL_LINKS_PASS = {
  "lambda-role": "pass",
  "assume-role": "pass",
  "cluster-credentials": "pass",
  "execute-statement": "pass",
  "copy-from-s3": "pass",
};
