import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isMultiEnvironment } from "../../config/environment-flags.ts";
import { resolveEnvironments } from "../../config/environments.ts";
import { tempFolder as folder, configProblems as problems } from "../support/files.ts";

const CHAIN = [
  "AWS_REGION=ap-northeast-1",
  "CHAINCHECK_FUNCTION_NAME=chaincheck-probe",
  "CHAINCHECK_TARGET_ROLE_ARN=arn:aws:iam::222222222222:role/chaincheck-redshift-role",
  "CHAINCHECK_CLUSTER_ID=chaincheck-cluster",
  "CHAINCHECK_DATABASE=dev",
].join("\n");

describe("several environments", () => {
  test("one --env-file is a single run; two, or a matrix, are several", () => {
    expect([
      isMultiEnvironment({ envFiles: ["a.env"] }),
      isMultiEnvironment({ envFiles: ["a.env", "b.env"] }),
      isMultiEnvironment({ matrix: "m.yaml" }),
      isMultiEnvironment({}),
    ]).toEqual([false, true, true, false]);
  });

  test("repeated --env-file: one environment per file, named by its path, each from its own file", () => {
    const cwd = folder({
      "staging.env": `${CHAIN}\nAWS_ENDPOINT_URL=http://127.0.0.1:4566\nAWS_ACCESS_KEY_ID=AKIASTAGING`,
      "prod.env": `${CHAIN}\nCHAINCHECK_TARGET=aws\nCHAINCHECK_EXTERNAL_ID=prod-external-id`,
    });
    const plan = resolveEnvironments({ envFiles: ["staging.env", "prod.env"] }, { PATH: "/bin" }, cwd);
    expect(plan.concurrency).toBe(2);
    expect(
      plan.environments.map((e) => [e.name, e.config.target, e.config.endpoint, e.config.chain?.externalId]),
    ).toEqual([
      ["staging.env", "endpoint", "http://127.0.0.1:4566", undefined],
      ["prod.env", "aws", undefined, "prod-external-id"],
    ]);
    expect(plan.environments[0].config.env.AWS_ACCESS_KEY_ID).toBe("AKIASTAGING");
    expect(plan.environments[1].config.env.AWS_ACCESS_KEY_ID).toBeUndefined();
  });

  test("each environment names its own reader in B from its env file", () => {
    const cwd = folder({
      "staging.env": `${CHAIN}\nCHAINCHECK_TARGET=aws\nCHAINCHECK_B_READ_PROFILE=staging-b-reader`,
      "prod.env": `${CHAIN}\nCHAINCHECK_TARGET=aws\nCHAINCHECK_B_READ_ROLE_ARN=arn:aws:iam::222222222222:role/prod-reader`,
      "none.env": `${CHAIN}\nCHAINCHECK_TARGET=aws`,
    });
    const plan = resolveEnvironments(
      { envFiles: ["staging.env", "prod.env", "none.env"] },
      { PATH: "/bin" },
      cwd,
    );
    expect(plan.environments.map((e) => e.config.bReader)).toEqual([
      { profile: "staging-b-reader" },
      { roleArn: "arn:aws:iam::222222222222:role/prod-reader" },
      undefined,
    ]);
  });

  test("never writes an environment's variables into process.env", () => {
    const cwd = folder({ "a.env": "CHAINCHECK_CANARY_A=1", "b.env": "CHAINCHECK_CANARY_B=1" });
    resolveEnvironments({ envFiles: ["a.env", "b.env"] }, { ...process.env }, cwd);
    resolveEnvironments({ envFiles: ["a.env", "b.env"] }, process.env, cwd);
    expect([process.env.CHAINCHECK_CANARY_A, process.env.CHAINCHECK_CANARY_B]).toEqual([
      undefined,
      undefined,
    ]);
  });

  test("matrix: names, env files relative to the matrix, vars over the file and the environment, flags over all", () => {
    const cwd = folder({
      "base.env": `${CHAIN}\nCHAINCHECK_TARGET=aws\nCHAINCHECK_EXTERNAL_ID=from-file`,
      "matrix.yaml": [
        "concurrency: 3",
        "environments:",
        "  - name: staging",
        "    envFile: base.env",
        "    vars: { CHAINCHECK_EXTERNAL_ID: from-matrix, CHAINCHECK_DURATION_SECONDS: 1800 }",
        "  - envFile: base.env",
        "    name: prod",
      ].join("\n"),
    });
    const plan = resolveEnvironments(
      { matrix: join(cwd, "matrix.yaml"), format: "json" },
      { CHAINCHECK_EXTERNAL_ID: "from-process" },
      "/",
    );
    expect(plan.concurrency).toBe(3);
    expect(
      plan.environments.map((e) => [
        e.name,
        e.config.format,
        e.config.chain?.externalId,
        e.config.chain?.durationSeconds,
      ]),
    ).toEqual([
      ["staging", "json", "from-matrix", 1800],
      ["prod", "json", "from-process", 900],
    ]);
  });

  test("every environment's problems at once, each prefixed with its name (exit 2 before anything runs)", () => {
    const cwd = folder({
      "good.env": `${CHAIN}\nCHAINCHECK_TARGET=aws`,
      "bad.env": "CHAINCHECK_TARGET=aws\nAWS_REGION=tokyo",
    });
    expect(
      problems(() => resolveEnvironments({ envFiles: ["good.env", "bad.env", "missing.env"] }, {}, cwd)),
    ).toEqual([
      "[bad.env] AWS_REGION: expected an AWS region, e.g. ap-northeast-1",
      "[bad.env] CHAINCHECK_FUNCTION_NAME: required; e.g. chaincheck-probe",
      "[bad.env] CHAINCHECK_TARGET_ROLE_ARN: required; e.g. arn:aws:iam::222222222222:role/chaincheck-redshift-role",
      "[bad.env] CHAINCHECK_DATABASE: required; e.g. dev",
      "[bad.env] CHAINCHECK_CLUSTER_ID: set exactly one of CHAINCHECK_CLUSTER_ID (provisioned, e.g. chaincheck-cluster) or CHAINCHECK_WORKGROUP_NAME (serverless, e.g. chaincheck-wg)",
      "[missing.env] --env-file: no such file missing.env; expected a dotenv file such as .env (see .env.example)",
    ]);
  });

  test("a bad matrix, duplicate names and a bad --concurrency are named", () => {
    const cwd = folder({
      "dup.yaml": "environments:\n  - name: a\n  - name: a\n",
      "bad.yaml": "concurrency: 0\nenvironments: []\nextra: 1\n",
    });
    expect(problems(() => resolveEnvironments({ matrix: "dup.yaml", concurrency: "many" }, {}, cwd))).toEqual(
      [
        "environment a: named twice; names must be unique",
        '--concurrency: expected a whole number 1–64 such as 2, got "many"',
      ],
    );
    expect(problems(() => resolveEnvironments({ matrix: "bad.yaml" }, {}, cwd))).toEqual([
      "bad.yaml: concurrency: expected a whole number 1–64 such as 2",
      "bad.yaml: environments: expected at least one environment",
      'bad.yaml: (top): unknown field "extra"; expected one of: concurrency, environments',
    ]);
    expect(
      problems(() => resolveEnvironments({ matrix: "nope.yaml", envFiles: ["a.env"] }, {}, cwd)),
    ).toEqual([
      "--matrix and --env-file both name environments; give one (a matrix entry may name an envFile)",
      "--matrix: no such file nope.yaml; expected a YAML or JSON matrix such as envs/matrix.yaml",
    ]);
  });
});
