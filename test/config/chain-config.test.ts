import { describe, expect, test } from "vitest";
import { chainConfigProblems, parseChainConfig, parseDuration } from "../../config/chain-config.ts";

const GOOD = {
  AWS_REGION: "ap-northeast-1",
  functionName: "chaincheck-probe",
  targetRoleArn: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
  clusterId: "chaincheck-cluster",
  database: "dev",
  dbUser: "app_user",
};

function chain(overrides: Record<string, unknown> = {}) {
  const { AWS_REGION, ...rest } = GOOD;
  return { region: AWS_REGION, ...rest, ...overrides };
}

describe("chain config schema", () => {
  test("accepts the seed's chain and fills the defaults", () => {
    expect(parseChainConfig(chain(), "env")).toEqual({
      ...chain(),
      sessionName: "chaincheck",
      durationSeconds: 900,
      copyOptions: "FORMAT AS CSV",
      scratchSchema: "public",
    });
  });

  test("reports every missing required variable at once, by name, with an example", () => {
    expect(chainConfigProblems({}, "env")).toEqual([
      "AWS_REGION: required; e.g. ap-northeast-1",
      "CHAINCHECK_FUNCTION_NAME: required; e.g. chaincheck-probe",
      "CHAINCHECK_TARGET_ROLE_ARN: required; e.g. arn:aws:iam::222222222222:role/chaincheck-redshift-role",
      "CHAINCHECK_DATABASE: required; e.g. dev",
      "CHAINCHECK_CLUSTER_ID: set exactly one of CHAINCHECK_CLUSTER_ID (provisioned, e.g. chaincheck-cluster) or CHAINCHECK_WORKGROUP_NAME (serverless, e.g. chaincheck-wg)",
    ]);
  });

  test.each([
    ["region", "tokyo", "AWS_REGION: expected an AWS region, e.g. ap-northeast-1"],
    [
      "functionName",
      "my function",
      "CHAINCHECK_FUNCTION_NAME: expected a Lambda function name or ARN, e.g. chaincheck-probe",
    ],
    [
      "lambdaRoleArn",
      "chaincheck-lambda-role",
      "CHAINCHECK_LAMBDA_ROLE_ARN: expected a role ARN, e.g. arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    ],
    [
      "targetRoleArn",
      "chaincheck-redshift-role",
      "CHAINCHECK_TARGET_ROLE_ARN: expected a role ARN, e.g. arn:aws:iam::222222222222:role/chaincheck-redshift-role",
    ],
    [
      "externalId",
      "x",
      "CHAINCHECK_EXTERNAL_ID: expected 2–1224 characters of [A-Za-z0-9+=,.@:/-], e.g. chaincheck-external-id",
    ],
    [
      "sessionName",
      "a b",
      "CHAINCHECK_SESSION_NAME: expected 2–64 characters of [A-Za-z0-9_+=,.@-], e.g. chaincheck",
    ],
    [
      "durationSeconds",
      "600",
      "CHAINCHECK_DURATION_SECONDS: expected a session duration of 900–43200 seconds (15 min to 12 h), e.g. 900 (or 15m, 1h)",
    ],
    [
      "durationSeconds",
      "a while",
      "CHAINCHECK_DURATION_SECONDS: expected a session duration of 900–43200 seconds (15 min to 12 h), e.g. 900 (or 15m, 1h)",
    ],
    [
      "clusterId",
      "Chaincheck_Cluster",
      "CHAINCHECK_CLUSTER_ID: expected a cluster identifier (lower case), e.g. chaincheck-cluster",
    ],
    ["database", "my db", "CHAINCHECK_DATABASE: expected a database name, e.g. dev"],
    [
      "secretArn",
      "chaincheck/app_user",
      "CHAINCHECK_SECRET_ARN: expected a Secrets Manager secret ARN, e.g. arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:chaincheck/app_user-AbCdEf",
    ],
    ["scratchSchema", "1bad", "CHAINCHECK_SCRATCH_SCHEMA: expected a schema name, e.g. public"],
  ])("names %s when it is %j", (field, value, message) => {
    const input = chain({ [field]: value });
    if (field === "secretArn") delete (input as Record<string, unknown>).dbUser;
    expect(chainConfigProblems(input, "env")).toEqual([message]);
  });

  test("checks the COPY source, its role chain and its table together", () => {
    expect(chainConfigProblems(chain({ copySource: "https://bucket/key" }), "env")).toEqual([
      "CHAINCHECK_COPY_SOURCE: expected an S3 URI without quotes, backslashes or control characters, e.g. s3://chaincheck-copy-source/orders/",
      "CHAINCHECK_COPY_ROLE_ARN: required with CHAINCHECK_COPY_SOURCE; e.g. arn:aws:iam::222222222222:role/chaincheck-copy-role",
      "CHAINCHECK_COPY_TABLE: required with CHAINCHECK_COPY_SOURCE; e.g. public.orders",
    ]);
    expect(
      chainConfigProblems(
        chain({
          copySource: "s3://chaincheck-copy-source/orders/",
          copyRoleArn: "arn:aws:iam::222222222222:role/a,arn:aws:iam::111111111111:role/b",
          table: "public.orders",
        }),
        "env",
      ),
    ).toEqual([]);
  });

  test("reports contradictory auth settings", () => {
    expect(
      chainConfigProblems(
        chain({
          clusterId: undefined,
          workgroupName: "chaincheck-wg",
          secretArn: "arn:aws:secretsmanager:us-east-1:222222222222:secret:s-AbCdEf",
        }),
        "env",
      ),
    ).toEqual([
      "CHAINCHECK_SECRET_ARN: set at most one of CHAINCHECK_DB_USER or CHAINCHECK_SECRET_ARN: the Data API takes one auth mode",
      "CHAINCHECK_DB_USER: the Data API takes no DB user for a serverless workgroup; unset CHAINCHECK_DB_USER (IAM identity) or use CHAINCHECK_SECRET_ARN",
      "CHAINCHECK_SECRET_ARN: the secret is in us-east-1 but AWS_REGION is ap-northeast-1; the Data API reads secrets in its own region",
    ]);
    expect(chainConfigProblems(chain({ workgroupName: "chaincheck-wg" }), "env")[0]).toBe(
      "CHAINCHECK_CLUSTER_ID: set exactly one of CHAINCHECK_CLUSTER_ID (provisioned) or CHAINCHECK_WORKGROUP_NAME (serverless), not both",
    );
  });

  test("reports malformed and contradictory values in one pass", () => {
    expect(chainConfigProblems(chain({ region: "tokyo", clusterId: undefined }), "env")).toEqual([
      "AWS_REGION: expected an AWS region, e.g. ap-northeast-1",
      "CHAINCHECK_CLUSTER_ID: set exactly one of CHAINCHECK_CLUSTER_ID (provisioned, e.g. chaincheck-cluster) or CHAINCHECK_WORKGROUP_NAME (serverless, e.g. chaincheck-wg)",
    ]);
  });

  test("names setup fields by their path in the chain block", () => {
    expect(chainConfigProblems(chain({ targetRoleArn: "role/x" }), "setup")).toEqual([
      "chain.targetRoleArn: expected a role ARN, e.g. arn:aws:iam::222222222222:role/chaincheck-redshift-role",
    ]);
  });

  test("reads durations in seconds, minutes and hours", () => {
    expect([parseDuration("900"), parseDuration("15m"), parseDuration("1h"), parseDuration(3600)]).toEqual([
      900, 900, 3600, 3600,
    ]);
    expect(parseChainConfig(chain({ durationSeconds: "2h" }), "env").durationSeconds).toBe(7200);
  });
});
