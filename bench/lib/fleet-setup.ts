/**
 * A generated fleet for the fleet benchmark: N account pairs, each the seed's chain
 * (fixtures/setups/seed.yaml) in its own two accounts — account A `1000000xxxxx` with the tester,
 * the Lambda and its role and the COPY source bucket; account B `2000000xxxxx` with the role the
 * Lambda assumes, the COPY role and a provisioned cluster — and the matrix of `chaincheck run`
 * over all N through the endpoint target, each environment with its own pair's keys and names.
 *
 * Known gaps: every pair has a provisioned cluster (no serverless workgroups); the pairs differ
 * only in their accounts and bucket names.
 */

const REGION = "ap-northeast-1";
const pad = (i: number, width: number) => String(i).padStart(width, "0");

export interface FleetPair {
  name: string;
  a: string;
  b: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function fleetPairs(n: number): FleetPair[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `pair-${pad(i + 1, 4)}`,
    a: `1000000${pad(i + 1, 5)}`,
    b: `2000000${pad(i + 1, 5)}`,
    bucket: `chaincheck-fleet-source-${pad(i + 1, 4)}`,
    accessKeyId: `AKIAFLEETTESTER${pad(i + 1, 5)}`,
    secretAccessKey: `fleet-tester-secret-${pad(i + 1, 5)}-not-a-real-key`,
  }));
}

const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

function pairSetup(p: FleetPair) {
  const lambdaRole = `arn:aws:iam::${p.a}:role/chaincheck-lambda-role`;
  const redshiftRole = `arn:aws:iam::${p.b}:role/chaincheck-redshift-role`;
  const copyRole = `arn:aws:iam::${p.b}:role/chaincheck-copy-role`;
  return {
    accounts: [
      { id: p.a, name: `${p.name} producer (A)` },
      { id: p.b, name: `${p.name} warehouse (B)` },
    ],
    users: [
      {
        account: p.a,
        name: "tester",
        attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        accessKeys: [{ accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey }],
      },
    ],
    roles: [
      {
        account: p.a,
        name: "chaincheck-lambda-role",
        trustPolicy: doc(
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${p.a}:user/tester` },
            Action: "sts:AssumeRole",
          },
        ),
        attachedPolicies: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        inlinePolicies: [
          {
            name: "assume-redshift-role",
            document: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: redshiftRole }),
          },
        ],
      },
      {
        account: p.b,
        name: "chaincheck-redshift-role",
        trustPolicy: doc({
          Effect: "Allow",
          Principal: { AWS: lambdaRole },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "chaincheck-external-id" } },
        }),
        attachedPolicies: ["arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess"],
        inlinePolicies: [
          {
            name: "get-cluster-credentials",
            document: doc({
              Effect: "Allow",
              Action: "redshift:GetClusterCredentials",
              Resource: [
                `arn:aws:redshift:${REGION}:${p.b}:dbuser:chaincheck-cluster/app_user`,
                `arn:aws:redshift:${REGION}:${p.b}:dbname:chaincheck-cluster/dev`,
              ],
            }),
          },
        ],
      },
      {
        account: p.b,
        name: "chaincheck-copy-role",
        trustPolicy: doc({
          Effect: "Allow",
          Principal: { Service: "redshift.amazonaws.com" },
          Action: "sts:AssumeRole",
        }),
        inlinePolicies: [
          {
            name: "read-copy-source",
            document: doc(
              { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${p.bucket}/*` },
              {
                Effect: "Allow",
                Action: ["s3:ListBucket", "s3:GetBucketLocation"],
                Resource: `arn:aws:s3:::${p.bucket}`,
              },
            ),
          },
        ],
      },
    ],
    lambdaFunctions: [
      {
        account: p.a,
        region: REGION,
        name: "chaincheck-probe",
        role: lambdaRole,
        runtime: "nodejs20.x",
        timeout: 60,
        code: { probe: true },
      },
    ],
    redshiftClusters: [
      {
        account: p.b,
        region: REGION,
        id: "chaincheck-cluster",
        masterUsername: "awsuser",
        databases: [
          {
            name: "dev",
            tables: [
              {
                schema: "public",
                name: "sales",
                owner: "awsuser",
                columns: [
                  { name: "id", type: "integer" },
                  { name: "region", type: "varchar(32)" },
                  { name: "amount", type: "numeric(10,2)" },
                ],
                rows: [[1, "tokyo", 120.5]],
              },
            ],
          },
        ],
        dbUsers: [{ name: "app_user" }],
        grants: [
          { database: "dev", to: "app_user", privileges: ["USAGE"], on: "schema public" },
          { database: "dev", to: "app_user", privileges: ["SELECT", "INSERT"], on: "table public.sales" },
          { to: "app_user", privileges: ["ASSUMEROLE"], on: `iam_role ${copyRole} for copy` },
        ],
        iamRoles: [copyRole],
        defaultIamRole: copyRole,
      },
    ],
    s3Buckets: [
      {
        account: p.a,
        region: REGION,
        name: p.bucket,
        policy: doc(
          {
            Effect: "Allow",
            Principal: { AWS: copyRole },
            Action: "s3:GetObject",
            Resource: `arn:aws:s3:::${p.bucket}/*`,
          },
          {
            Effect: "Allow",
            Principal: { AWS: copyRole },
            Action: ["s3:ListBucket", "s3:GetBucketLocation"],
            Resource: `arn:aws:s3:::${p.bucket}`,
          },
        ),
        objects: [
          {
            key: "input/sales.csv",
            contentType: "text/csv",
            body: "id,region,amount\n2,osaka,80.00\n3,nagoya,42.25\n4,fukuoka,310.75\n",
          },
        ],
      },
    ],
  };
}

type Lists = ReturnType<typeof pairSetup>;

/** The setup of N pairs (JSON, as a setup file may be). */
export function fleetSetup(pairs: FleetPair[]): object {
  const merged: Record<string, unknown[]> = {};
  for (const pair of pairs)
    for (const [key, list] of Object.entries(pairSetup(pair) as Lists)) {
      merged[key] ??= [];
      merged[key].push(...list);
    }
  return { seed: "chaincheck-fleet", ...merged };
}

/** The matrix of every pair through the endpoint target at `endpoint`. */
export function fleetMatrix(pairs: FleetPair[], endpoint: string): object {
  return {
    environments: pairs.map((p) => ({
      name: p.name,
      vars: {
        CHAINCHECK_TARGET: "endpoint",
        AWS_ENDPOINT_URL: endpoint,
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: p.accessKeyId,
        AWS_SECRET_ACCESS_KEY: p.secretAccessKey,
        CHAINCHECK_FUNCTION_NAME: "chaincheck-probe",
        CHAINCHECK_LAMBDA_ROLE_ARN: `arn:aws:iam::${p.a}:role/chaincheck-lambda-role`,
        CHAINCHECK_TARGET_ROLE_ARN: `arn:aws:iam::${p.b}:role/chaincheck-redshift-role`,
        CHAINCHECK_EXTERNAL_ID: "chaincheck-external-id",
        CHAINCHECK_CLUSTER_ID: "chaincheck-cluster",
        CHAINCHECK_DATABASE: "dev",
        CHAINCHECK_DB_USER: "app_user",
        CHAINCHECK_COPY_SOURCE: `s3://${p.bucket}/input/sales.csv`,
        CHAINCHECK_COPY_ROLE_ARN: `arn:aws:iam::${p.b}:role/chaincheck-copy-role`,
        CHAINCHECK_COPY_TABLE: "public.sales",
        CHAINCHECK_COPY_OPTIONS: "CSV IGNOREHEADER 1",
      },
    })),
  };
}
