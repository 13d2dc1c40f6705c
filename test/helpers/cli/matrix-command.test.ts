import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect } from "vitest";
import { parse } from "yaml";
import { resolveEnvironments } from "../../../config/environments.ts";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { A, B } from "../../support/constants.ts";
import { fileSetup, seedWith, test } from "../../support/emulator-fixture.ts";
import { tempFolder } from "../../support/files.ts";
import { runMain } from "./cli-in-process.ts";

const PRODUCERS = [
  { id: "333333333333", name: "Producer Sales EU" },
  { id: "444444444444", name: "Producer Billing" },
  { id: "555555555555", name: "sandbox-1" },
];

fileSetup(
  seedWith({
    accounts: [...PRODUCERS, { id: "999999999999", alias: "loner" }],
    organizations: [
      { id: "o-chaincheck01", managementAccount: A, accounts: [B, ...PRODUCERS.map((p) => p.id)] },
    ],
    users: [
      {
        account: "999999999999",
        name: "admin",
        attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      },
    ],
  }),
);

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function useCredentials(keys: { accessKeyId: string; secretAccessKey: string }) {
  process.env.AWS_ACCESS_KEY_ID = keys.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

async function matrixFromOrg(emu: RunningEmulator, principal: string, template: string, ...flags: string[]) {
  useCredentials(emu.credentials(principal));
  const dir = tempFolder({ "t.yaml": template });
  return runMain([
    "matrix",
    "--from-org",
    "--template",
    join(dir, "t.yaml"),
    "--endpoint",
    emu.endpoint,
    ...flags,
  ]);
}

const TEMPLATE = [
  'environment: "{slug}"',
  "accounts:",
  '  include: "^Producer"',
  "vars:",
  '  CHAINCHECK_LAMBDA_ROLE_ARN: "arn:aws:iam::{accountId}:role/chaincheck-lambda-role"',
  '  CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/{slug}-redshift-role"',
  '  CHAINCHECK_CLUSTER_ID: "{slug}"',
].join("\n");

describe("chaincheck matrix", () => {
  test("--from-org lists the organization's accounts and names each producer's roles and cluster from the template", async ({
    emu,
  }) => {
    const out = join(tempFolder(), "fleet.yaml");
    const result = await matrixFromOrg(emu, "A:tester", TEMPLATE, "--output", out);
    expect([result.code, result.stderr]).toEqual([0, `chaincheck: wrote ${out}\n`]);
    const matrix = parse(readFileSync(out, "utf8"));
    expect(matrix.environments).toEqual([
      {
        name: "producer-sales-eu",
        vars: {
          CHAINCHECK_LAMBDA_ROLE_ARN: "arn:aws:iam::333333333333:role/chaincheck-lambda-role",
          CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/producer-sales-eu-redshift-role",
          CHAINCHECK_CLUSTER_ID: "producer-sales-eu",
        },
      },
      {
        name: "producer-billing",
        vars: {
          CHAINCHECK_LAMBDA_ROLE_ARN: "arn:aws:iam::444444444444:role/chaincheck-lambda-role",
          CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/producer-billing-redshift-role",
          CHAINCHECK_CLUSTER_ID: "producer-billing",
        },
      },
    ]);
  });

  test("--from-org from an account in no organization exits 3 with Organizations' error and what to do", async ({
    emu,
  }) => {
    const result = await matrixFromOrg(emu, "999999999999:admin", TEMPLATE);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      3,
      "",
      "chaincheck: matrix --from-org: Organizations ListAccounts failed: AWSOrganizationsNotInUseException: Your account is not a member of an organization.; the credentials' account is in no organization: use --from-csv, or the management account's credentials\n",
    ]);
  });

  test("--from-org: a template whose values come out bad for an account exits 2 naming the account and variable", async ({
    emu,
  }) => {
    const result = await matrixFromOrg(
      emu,
      "A:tester",
      'accounts: { exclude: ["222222222222"] }\nvars:\n  CHAINCHECK_CLUSTER_ID: "{accountName}"\n',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '  - account 333333333333 (Producer Sales EU): CHAINCHECK_CLUSTER_ID: expected a cluster identifier (lower case), e.g. chaincheck-cluster, got "Producer Sales EU"\n',
    );
  });

  test("--from-csv writes a matrix that run --matrix resolves, quoted cells and empty cells (unset) included", async () => {
    const dir = tempFolder({
      "pairs.csv": [
        "name,CHAINCHECK_TARGET_ROLE_ARN,clusterId,workgroupName,externalId,envFile",
        "# one line per account pair",
        'sales,arn:aws:iam::222222222222:role/sales-redshift,sales-cluster,,"ext,1",shared.env',
        "billing,arn:aws:iam::222222222222:role/billing-redshift,,billing-wg,,",
      ].join("\n"),
      "shared.env":
        "AWS_REGION=ap-northeast-1\nCHAINCHECK_FUNCTION_NAME=chaincheck-probe\nCHAINCHECK_DATABASE=dev\n",
    });
    const out = join(dir, "fleet.yaml");
    const result = await runMain(["matrix", "--from-csv", join(dir, "pairs.csv"), "--output", out]);
    expect(result.code).toBe(0);
    expect(parse(readFileSync(out, "utf8")).environments).toEqual([
      {
        name: "sales",
        envFile: "shared.env",
        vars: {
          CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/sales-redshift",
          CHAINCHECK_CLUSTER_ID: "sales-cluster",
          CHAINCHECK_EXTERNAL_ID: "ext,1",
        },
      },
      {
        name: "billing",
        vars: {
          CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/billing-redshift",
          CHAINCHECK_WORKGROUP_NAME: "billing-wg",
        },
      },
    ]);
    const plan = resolveEnvironments(
      { matrix: out, target: "aws" },
      { PATH: "", AWS_REGION: "ap-northeast-1", CHAINCHECK_FUNCTION_NAME: "fn", CHAINCHECK_DATABASE: "dev" },
      dir,
    );
    expect(
      plan.environments.map((e) => [e.name, e.config.chain?.clusterId ?? e.config.chain?.workgroupName]),
    ).toEqual([
      ["sales", "sales-cluster"],
      ["billing", "billing-wg"],
    ]);
  });
});
