import {
  AttachRolePolicyCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ChainConfig } from "../../../config/chain-config.ts";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { A, B } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { runLocalChain } from "../../support/local-chain.ts";
import { policyDocument } from "../../support/policy-layers.ts";

const EXEC_ROLE = `arn:aws:iam::${A}:role/chaincheck-lambda-role`;
const B_ROLE = `arn:aws:iam::${B}:role/chaincheck-redshift-role`;
const DATA_FULL = "arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const seedTrust = doc({
  Effect: "Allow",
  Principal: { AWS: EXEC_ROLE },
  Action: "sts:AssumeRole",
  Condition: { StringEquals: { "sts:ExternalId": "chaincheck-external-id" } },
});
const seedCredentialsPolicy = doc({
  Effect: "Allow",
  Action: "redshift:GetClusterCredentials",
  Resource: [
    `arn:aws:redshift:ap-northeast-1:${B}:dbuser:chaincheck-cluster/app_user`,
    `arn:aws:redshift:ap-northeast-1:${B}:dbname:chaincheck-cluster/dev`,
  ],
});
const seedAssumePolicy = doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: B_ROLE });

let emu: RunningEmulator;
let iamA: IAMClient;
let iamB: IAMClient;

beforeAll(async () => {
  emu = await startEmulator({
    setup: seedWith({
      roles: [
        {
          account: A,
          name: "chaincheck-other-role",
          trustPolicy: policyDocument({
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
          }),
        },
      ],
    }),
  });
  const settings = (who: string) => ({
    region: emu.region,
    endpoint: emu.endpoint,
    credentials: emu.credentials(who),
  });
  iamA = new IAMClient(settings("A:tester"));
  iamB = new IAMClient(settings("B:admin"));
});

afterAll(async () => {
  await emu?.stop();
});

const run = (overrides: Partial<ChainConfig> = {}, withBReader = true): Promise<Report> =>
  runLocalChain(emu, overrides, withBReader);

async function withChange<T>(
  apply: () => Promise<unknown>,
  revert: () => Promise<unknown>,
  body: () => Promise<T>,
): Promise<T> {
  await apply();
  try {
    return await body();
  } finally {
    await revert();
  }
}

const setTrust = (document: string) =>
  iamB.send(
    new UpdateAssumeRolePolicyCommand({ RoleName: "chaincheck-redshift-role", PolicyDocument: document }),
  );
const withTrust = <T>(document: string, body: () => Promise<T>): Promise<T> =>
  withChange(
    () => setTrust(document),
    () => setTrust(seedTrust),
    body,
  );
const OTHER_ROLE_TRUST = doc({
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${A}:role/chaincheck-other-role` },
  Action: "sts:AssumeRole",
});
const failed = (r: Report) => r.links.find((l) => l.id === r.failedLink);

describe("in-run diagnosis against the embedded emulator", () => {
  test("names the configured role in the function update and the real one in the config fix for lambda-role-mismatch", async () => {
    const other = `arn:aws:iam::${A}:role/chaincheck-other-role`;
    const report = await run({ lambdaRoleArn: other });
    expect(report.failedLink).toBe("lambda-role");
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({ cause: "lambda-role-mismatch", side: "A" });
    expect(d?.fix).toContain(`--function-name chaincheck-probe --role ${other} `);
    expect(d?.fix).toContain(`to the role the function really uses, ${EXEC_ROLE}`);
  });

  test("blames B's trust when it names another role, with a trust statement naming the real execution role", async () => {
    const report = await withTrust(OTHER_ROLE_TRUST, () => run());
    expect(report.failedLink).toBe("assume-role");
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({ cause: "trust-policy-missing-principal", side: "B" });
    expect(d?.fix).toContain(`"AWS": "${EXEC_ROLE}"`);
    expect(d?.fix).toContain("--role-name chaincheck-redshift-role");
    expect(d?.summary).toContain("SimulatePrincipalPolicy in A allows");
    expect(d?.settled).toBe(true);
    expect(d?.summary).not.toContain("One of");
  });

  test("without a B reader and no ExternalId sent, ranks the trust's principal first, unsettled, and names the read that settles it", async () => {
    const report = await withTrust(OTHER_ROLE_TRUST, () => run({ externalId: undefined }, false));
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({
      cause: "trust-policy-missing-principal",
      side: "B",
      settled: false,
      candidates: [
        "trust-policy-missing-principal",
        "trust-policy-external-id",
        "trust-policy-stale-principal",
        "target-role-arn-malformed",
      ],
      settledBy: `iam:GetRole on ${B_ROLE} in B (give the harness a reader in B (CHAINCHECK_B_READ_PROFILE or CHAINCHECK_B_READ_ROLE_ARN))`,
    });
    expect(d?.summary).toMatch(
      /^One of 4 causes, not settled: trust-policy-missing-principal \(most likely\)/,
    );
    expect(d?.fix).not.toContain("sts:ExternalId");
    expect(report.warnings?.map((w) => w.check)).toContain("b-policies-unread");
  });

  test("without a B reader, a wrong ExternalId sent ranks the ExternalId mismatch first and the fix never writes the sent value into the trust", async () => {
    const report = await run({ externalId: "not-the-external-id" }, false);
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({
      cause: "trust-policy-external-id",
      settled: false,
      candidates: [
        "trust-policy-external-id",
        "trust-policy-missing-principal",
        "trust-policy-stale-principal",
        "target-role-arn-malformed",
      ],
    });
    expect(d?.summary).toContain('The chain sends ExternalId "not-the-external-id"');
    expect(d?.fix).not.toContain("not-the-external-id");
    expect(d?.fix).toContain(
      "aws iam get-role --role-name chaincheck-redshift-role --query Role.AssumeRolePolicyDocument",
    );
  });

  test("blames A's identity policy when the execution role's inline AssumeRole policy is removed", async () => {
    const report = await withChange(
      () =>
        iamA.send(
          new DeleteRolePolicyCommand({
            RoleName: "chaincheck-lambda-role",
            PolicyName: "assume-redshift-role",
          }),
        ),
      () =>
        iamA.send(
          new PutRolePolicyCommand({
            RoleName: "chaincheck-lambda-role",
            PolicyName: "assume-redshift-role",
            PolicyDocument: seedAssumePolicy,
          }),
        ),
      () => run(),
    );
    expect(report.failedLink).toBe("lambda-role");
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({ cause: "caller-policy-missing-assume-role", side: "A" });
    expect(d?.fix).toContain(`"Resource": "${B_ROLE}"`);
    expect(d?.fix).toContain("--role-name chaincheck-lambda-role");
  });

  test("reads the expected ExternalId from B's trust when the chain sends a wrong one", async () => {
    const report = await run({ externalId: "not-the-external-id" });
    expect(report.failedLink).toBe("assume-role");
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({ cause: "trust-policy-external-id", settled: true });
    expect(d?.fix).toContain("CHAINCHECK_EXTERNAL_ID=chaincheck-external-id");
    expect(d?.fix).not.toContain("not-the-external-id");
    expect(d?.summary).toContain('the chain sends "not-the-external-id"');
  });

  test("reports the article's dbuser:<user>/<db> resource as dbuser-arn-format with the cluster/user ARN in the fix", async () => {
    const articlePolicy = doc({
      Effect: "Allow",
      Action: "redshift:GetClusterCredentials",
      Resource: [
        `arn:aws:redshift:ap-northeast-1:${B}:dbuser:app_user/dev`,
        `arn:aws:redshift:ap-northeast-1:${B}:dbname:chaincheck-cluster/dev`,
      ],
    });
    const put = (PolicyDocument: string) =>
      iamB.send(
        new PutRolePolicyCommand({
          RoleName: "chaincheck-redshift-role",
          PolicyName: "get-cluster-credentials",
          PolicyDocument,
        }),
      );
    const report = await withChange(
      () => put(articlePolicy),
      () => put(seedCredentialsPolicy),
      () => run(),
    );
    expect(report.failedLink).toBe("cluster-credentials");
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({ cause: "dbuser-arn-format", side: "B" });
    expect(d?.fix).toContain(`arn:aws:redshift:ap-northeast-1:${B}:dbuser:chaincheck-cluster/app_user`);
    expect(d?.fix).toContain(`arn:aws:redshift:ap-northeast-1:${B}:dbname:chaincheck-cluster/dev`);
    expect(d?.fix).toContain(`dbuser:app_user/dev`);
    expect(report.warnings?.map((w) => w.check)).toContain("dbuser-arn-format");
  });

  test("blames B's role for a denied redshift-data:ExecuteStatement with a grant on the real cluster ARN", async () => {
    const report = await withChange(
      () =>
        iamB.send(
          new DetachRolePolicyCommand({ RoleName: "chaincheck-redshift-role", PolicyArn: DATA_FULL }),
        ),
      () =>
        iamB.send(
          new AttachRolePolicyCommand({ RoleName: "chaincheck-redshift-role", PolicyArn: DATA_FULL }),
        ),
      () => run(),
    );
    expect(report.failedLink).toBe("execute-statement");
    const d = failed(report)?.diagnosis;
    expect(d).toMatchObject({ cause: "data-api-denied", side: "B" });
    expect(d?.fix).toContain(`arn:aws:redshift:ap-northeast-1:${B}:cluster:chaincheck-cluster`);
  });

  test("warns about a trust naming A's whole account and a stale AROA principal even when AssumeRole succeeds", async () => {
    const report = await withTrust(
      doc(
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { AWS: "AROAEXAMPLESTALEID01" }, Action: "sts:AssumeRole" },
      ),
      () => run(),
    );
    expect(report.links.find((l) => l.id === "assume-role")?.status).toBe("pass");
    const checks = report.warnings?.map((w) => w.check);
    expect(checks).toContain("trust-names-account");
    expect(checks).toContain("trust-stale-principal");
    expect(report.warnings?.find((w) => w.check === "trust-names-account")?.fix).toContain(EXEC_ROLE);
  });

  test("keeps secrets out of the report", async () => {
    const report = await run({ externalId: "not-the-external-id" });
    const text = JSON.stringify(report);
    expect(text).not.toContain(emu.credentials("A:tester").secretAccessKey);
    expect(text).not.toContain(emu.credentials("B:admin").secretAccessKey);
    expect(text).not.toContain("chaincheck-app-user-pw");
  });
});
