import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSetup } from "../../../emulator/world/load-setup.ts";
import { SEED } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { setupProblems } from "../../support/files.ts";
import { policyDocument } from "../../support/policy-layers.ts";

const problems = setupProblems;

describe("setup files", () => {
  test("loads the seed with defaults applied and the chain section", () => {
    const setup = loadSetup(SEED);
    expect(setup.accounts.map((a) => a.id)).toEqual(["111111111111", "222222222222"]);
    expect(setup.roles.map((r) => r.name)).toEqual([
      "chaincheck-lambda-role",
      "chaincheck-redshift-role",
      "chaincheck-copy-role",
    ]);
    expect(setup.roles[1]?.maxSessionDuration).toBe(3600);
    expect(setup.chain).toMatchObject({ functionName: "chaincheck-probe", clusterId: "chaincheck-cluster" });
    expect(setup.s3Buckets[0]?.objects[0]?.key).toBe("input/sales.csv");
  });

  test("resolves account aliases to ids", () => {
    const setup = loadSetup({
      accounts: [{ id: "111111111111", alias: "acct-a" }],
      users: [{ account: "acct-a", name: "tester" }],
    });
    expect(setup.users[0]?.account).toBe("111111111111");
  });

  test("reports every bad field at once, each by its path", () => {
    const lines = problems(() =>
      loadSetup({
        accounts: [{ id: "1111" }],
        roles: [
          {
            account: "111111111111",
            name: "ok-role",
            maxSessionDuration: 60,
            trustPolicy: policyDocument(),
          },
        ],
        s3Buckets: [{ account: "111111111111", region: "tokyo", name: "b-1" }],
      }),
    );
    expect(lines).toEqual([
      'accounts[0].id: expected a 12-digit account id such as "111111111111"',
      "roles[0].maxSessionDuration: expected 3600..43200 seconds (1-12 hours)",
      's3Buckets[0].region: expected a region such as "ap-northeast-1"',
    ]);
  });

  test("accepts the DB user names IAM authentication creates and rejects other punctuation", () => {
    const cluster = (names: string[]) => ({
      accounts: [{ id: "222222222222" }],
      redshiftClusters: [
        {
          account: "222222222222",
          region: "ap-northeast-1",
          id: "c1",
          dbUsers: names.map((name) => ({ name })),
        },
      ],
    });
    expect(
      loadSetup(cluster(["app_user", "IAMR:loader-role", "IAM:alice"])).redshiftClusters[0]?.dbUsers,
    ).toHaveLength(3);
    expect(problems(() => loadSetup(cluster(["bad:user"])))).toEqual([
      "redshiftClusters[0].dbUsers[0].name: expected a database user such as app_user, or IAM:<user> / IAMR:<role>",
    ]);
  });

  test("names the trust principal that does not exist, as IAM would refuse it", () => {
    const lines = problems(() =>
      loadSetup(
        seedWith({
          roles: [
            {
              account: "222222222222",
              name: "chaincheck-redshift-role",
              trustPolicy: policyDocument({
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111111111111:role/Missing" },
                Action: "sts:AssumeRole",
              }),
            },
          ],
        }),
      ),
    );
    expect(lines).toEqual([
      'roles[1].trustPolicy.Statement[0].Principal: Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:role/Missing" (no such role or user in this setup; name an existing role/user ARN, an account id, arn:aws:iam::<account>:root, or a service such as lambda.amazonaws.com)',
    ]);
  });

  test("reports unknown accounts and unbundled managed policies", () => {
    const lines = problems(() =>
      loadSetup(
        seedWith({
          roles: [
            {
              account: "333333333333",
              name: "stray",
              trustPolicy: policyDocument({
                Effect: "Allow",
                Principal: { Service: "lambda.amazonaws.com" },
                Action: "sts:AssumeRole",
              }),
              attachedPolicies: ["arn:aws:iam::aws:policy/PowerUserAccess"],
            },
          ],
        }),
      ),
    );
    expect(lines[0]).toMatch(
      /^roles\[3\]\.account: unknown account "333333333333"; expected one of: 111111111111, /,
    );
    expect(lines[1]).toMatch(
      /^roles\[3\]\.attachedPolicies\[0\]: no such policy arn:aws:iam::aws:policy\/PowerUserAccess; /,
    );
  });

  test("extends the seed from a file, merging roles by name and dropping $delete entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-setup-"));
    const path = join(dir, "no-inline.yaml");
    writeFileSync(
      path,
      [
        `extends: ${SEED}`,
        "roles:",
        "  - account: chaincheck-a",
        "    name: chaincheck-lambda-role",
        "    inlinePolicies:",
        "      - name: assume-redshift-role",
        "        $delete: true",
        "chain:",
        "  durationSeconds: 7200",
      ].join("\n"),
    );
    const setup = loadSetup(path);
    const lambdaRole = setup.roles.find((r) => r.name === "chaincheck-lambda-role")!;
    expect(lambdaRole.inlinePolicies).toEqual([]);
    expect(lambdaRole.attachedPolicies).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    ]);
    expect(setup.roles).toHaveLength(3);
    expect(setup.chain?.durationSeconds).toBe(7200);
    expect(setup.chain?.functionName).toBe("chaincheck-probe");
  });

  test("a null in an extending layer removes the key; named arrays still merge by name", () => {
    const setup = loadSetup(
      seedWith({
        chain: {
          dbUser: null,
          secretArn: "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:chaincheck/app_user-AbCdEf",
          lambdaRoleArn: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
        },
        secrets: [
          {
            account: "chaincheck-b",
            region: "ap-northeast-1",
            name: "chaincheck/app_user",
            secretJson: { password: null },
            tags: null,
          },
        ],
        roles: [{ account: "chaincheck-b", name: "chaincheck-copy-role", description: null }],
      }),
    );
    expect(setup.chain).not.toHaveProperty("dbUser");
    expect(setup.chain).toMatchObject({
      clusterId: "chaincheck-cluster",
      secretArn: "arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:chaincheck/app_user-AbCdEf",
      lambdaRoleArn: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    });
    expect(setup.secrets).toHaveLength(1);
    expect(setup.secrets[0]?.secretJson).toEqual({
      username: "app_user",
      dbClusterIdentifier: "chaincheck-cluster",
    });
    expect(setup.secrets[0]?.tags).toEqual({});
    expect(setup.roles.map((r) => r.name)).toEqual([
      "chaincheck-lambda-role",
      "chaincheck-redshift-role",
      "chaincheck-copy-role",
    ]);
    const copyRole = setup.roles[2]!;
    expect(copyRole).not.toHaveProperty("description");
    expect(copyRole.inlinePolicies.map((p) => p.name)).toEqual(["read-copy-source"]);
  });

  test("null in a YAML layer (`key: null` or `key:`) unsets a scalar the base sets", () => {
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-setup-"));
    const path = join(dir, "serverless.yaml");
    writeFileSync(
      path,
      [`extends: ${SEED}`, "chain:", "  clusterId: null", "  dbUser:", "  workgroupName: chaincheck-wg"].join(
        "\n",
      ),
    );
    const chain = loadSetup(path).chain!;
    expect(chain).not.toHaveProperty("clusterId");
    expect(chain).not.toHaveProperty("dbUser");
    expect(chain.workgroupName).toBe("chaincheck-wg");
  });

  test("a null element of a replaced array is kept (and rejected by the schema)", () => {
    const lines = problems(() =>
      loadSetup(
        seedWith({
          redshiftClusters: [{ account: "chaincheck-b", id: "chaincheck-cluster", iamRoles: [null] }],
        }),
      ),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^redshiftClusters\[0\]\.iamRoles\[0\]: /);
  });

  test("the chain's lambdaRoleArn must be a role ARN", () => {
    const lines = problems(() =>
      loadSetup({ extends: SEED, chain: { lambdaRoleArn: "chaincheck-lambda-role" } }),
    );
    expect(lines).toEqual([
      "chain.lambdaRoleArn: expected a role ARN such as arn:aws:iam::222222222222:role/my-role",
    ]);
  });
});
