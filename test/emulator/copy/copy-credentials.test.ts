import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  A,
  APP_DB_USER_ARN,
  B,
  BUCKET,
  CLUSTER,
  CLUSTER_ARN,
  COPY_ROLE_ARN,
  REGION,
} from "../../support/constants.ts";
import { allow, policyDocument, roleWithInlinePolicy, trustStatement } from "../../support/policy-layers.ts";
import {
  type CopyWorld,
  copySql,
  expectRedshiftError,
  runAsAppUser,
  startCopyWorld,
} from "./copy-fixtures.ts";

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const SOURCE = `s3://${BUCKET}/input/sales.csv`;

const readSource = {
  name: "read-copy-source",
  document: policyDocument(
    allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`),
    allow("s3:ListBucket", `arn:aws:s3:::${BUCKET}`),
  ),
};

const redshiftTrust = (condition?: object) =>
  policyDocument(
    trustStatement({ Service: "redshift.amazonaws.com" }, condition ? { Condition: condition } : {}),
  );

function roleInB(name: string, trustPolicy: object, extra: object[] = []) {
  return {
    account: B,
    name,
    trustPolicy,
    inlinePolicies: [
      readSource,
      ...extra.map((document, i) => ({
        name: `extra-${i}`,
        document: policyDocument(document),
      })),
    ],
  };
}

const UNTRUSTING = roleArn(A, "chaincheck-a-untrusting");
const A_READER = roleArn(A, "chaincheck-a-reader");
const NO_ASSUME = roleArn(B, "copy-no-assume");
const CHAIN_ONLY = roleArn(B, "copy-chain-only");

const associated = [
  COPY_ROLE_ARN,
  roleArn(B, "copy-ec2-trust"),
  roleArn(B, "copy-source-arn"),
  roleArn(B, "copy-source-account"),
  roleArn(B, "copy-scoped"),
  roleArn(B, "copy-other-user"),
  roleArn(B, "copy-ungranted"),
  NO_ASSUME,
  CHAIN_ONLY,
];
const granted = [
  ...associated.filter((arn) => arn !== roleArn(B, "copy-ungranted") && arn !== CHAIN_ONLY),
  roleArn(B, "copy-unassociated"),
  `${COPY_ROLE_ARN},${UNTRUSTING}`,
  `${NO_ASSUME},${A_READER}`,
  `${CHAIN_ONLY},${A_READER}`,
];

const bucketReaders = [COPY_ROLE_ARN, ...associated.slice(1), roleArn(B, "copy-unassociated"), A_READER];

let world: CopyWorld;
beforeAll(async () => {
  world = await startCopyWorld({
    roles: [
      roleInB("copy-unassociated", redshiftTrust()),
      roleInB("copy-ec2-trust", policyDocument(trustStatement({ Service: "ec2.amazonaws.com" }))),
      roleInB(
        "copy-source-arn",
        redshiftTrust({
          StringEquals: { "aws:SourceArn": `arn:aws:redshift:${REGION}:${B}:cluster:another-cluster` },
        }),
      ),
      roleInB("copy-source-account", redshiftTrust({ StringEquals: { "aws:SourceAccount": A } })),
      roleInB(
        "copy-scoped",
        redshiftTrust({
          StringEquals: {
            "aws:SourceAccount": B,
            "aws:SourceArn": CLUSTER_ARN,
            "sts:ExternalId": APP_DB_USER_ARN,
          },
        }),
      ),
      roleInB(
        "copy-other-user",
        redshiftTrust({
          StringEquals: { "sts:ExternalId": `arn:aws:redshift:${REGION}:${B}:dbuser:${CLUSTER}/etl_user` },
        }),
      ),
      roleInB("copy-ungranted", redshiftTrust()),
      roleInB("copy-no-assume", redshiftTrust()),
      roleInB("copy-chain-only", redshiftTrust()),
      roleWithInlinePolicy(
        B,
        "chaincheck-copy-role",
        "assume-a-untrusting",
        allow("sts:AssumeRole", UNTRUSTING),
      ),
      {
        account: A,
        name: "chaincheck-a-untrusting",
        trustPolicy: policyDocument(trustStatement({ AWS: `arn:aws:iam::${A}:root` })),
        inlinePolicies: [readSource],
      },
      {
        account: A,
        name: "chaincheck-a-reader",
        trustPolicy: policyDocument(trustStatement({ AWS: NO_ASSUME })),
        inlinePolicies: [readSource],
      },
    ],
    s3Buckets: [
      {
        account: A,
        region: REGION,
        name: BUCKET,
        policy: policyDocument(
          allow(["s3:GetObject", "s3:ListBucket"], [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], {
            Principal: { AWS: bucketReaders },
          }),
        ),
      },
    ],
    redshiftClusters: [
      {
        account: B,
        region: REGION,
        id: CLUSTER,
        iamRoles: associated,
        grants: [
          { database: "dev", to: "app_user", privileges: ["USAGE"], on: "schema public" },
          { database: "dev", to: "app_user", privileges: ["SELECT", "INSERT"], on: "table public.sales" },
          ...granted.map((arn) => ({
            to: "app_user",
            privileges: ["ASSUMEROLE"],
            on: `iam_role ${arn} for copy`,
          })),
        ],
      },
    ],
  });
});
afterAll(() => world.emu.stop());

const copyWith = (role: string) => runAsAppUser(world.client, copySql("public.sales", SOURCE, role));

async function expectCopyRefused(role: string, error: { message: string; code: number; location: string }) {
  const out = await copyWith(role);
  expect(out.Status).toBe("FAILED");
  expectRedshiftError(out.Error, { ...error, context: `IAM Role=${role}` });
}

const expectNoCredentials = (role: string) =>
  expectCopyRefused(role, {
    message: `Not authorized to get credentials of role ${role}`,
    code: 30000,
    location: "xen_aws_credentials_mgr.cpp:392",
  });

describe("the first IAM_ROLE", () => {
  test("loads when the trust's SourceAccount, SourceArn and ExternalId match what Redshift sends", async () => {
    const out = await copyWith(roleArn(B, "copy-scoped"));
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(3);
  });

  test("IAM_ROLE default uses the cluster's default role", async () => {
    const out = await runAsAppUser(
      world.client,
      `copy public.sales from '${SOURCE}' iam_role default CSV IGNOREHEADER 1`,
    );
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(3);
  });

  test.each([
    ["fails with the dbuser text when the role is not associated with the cluster", "copy-unassociated"],
    [
      "fails with the dbuser text when the trust's sts:ExternalId lists other database users",
      "copy-other-user",
    ],
  ])("%s", async (_, name) => {
    const role = roleArn(B, name);
    await expectCopyRefused(role, {
      message: `User ${APP_DB_USER_ARN} is not authorized to assume IAM Role ${role}`,
      code: 8001,
      location: "xen_aws_credentials_mgr.cpp:321",
    });
  });

  test.each([
    ["fails to get credentials when the trust does not allow redshift.amazonaws.com", "copy-ec2-trust"],
    ["fails to get credentials when the trust's aws:SourceArn names another cluster", "copy-source-arn"],
    [
      "fails to get credentials when the trust's aws:SourceAccount names another account",
      "copy-source-account",
    ],
  ])("%s", async (_, name) => {
    await expectNoCredentials(roleArn(B, name));
  });
});

describe("a chained IAM_ROLE", () => {
  test.each([
    ["fails when the next role's trust does not name the previous role", `${COPY_ROLE_ARN},${UNTRUSTING}`],
    [
      "fails when the previous role's identity policy does not allow sts:AssumeRole on the next",
      `${NO_ASSUME},${A_READER}`,
    ],
  ])("%s", async (_, chain) => {
    await expectNoCredentials(chain);
  });
});

describe("the ASSUMEROLE privilege after REVOKE ASSUMEROLE ON ALL FROM PUBLIC", () => {
  test.each([
    ["refuses a role granted to nobody", roleArn(B, "copy-ungranted")],
    ["refuses the first role of a granted chain used alone", CHAIN_ONLY],
  ])("%s", async (_, role) => {
    const out = await copyWith(role);
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe(
      `ERROR: User app_user does not have ASSUMEROLE permission on IAM role "${role}" for COPY`,
    );
  });
});
