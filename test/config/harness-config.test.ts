import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { resolveHarnessConfig } from "../../config/harness-config.ts";
import { folderWithEnv as dirWithEnv, configProblems as problems } from "../support/files.ts";

const CHAIN_ENV = {
  AWS_REGION: "ap-northeast-1",
  CHAINCHECK_FUNCTION_NAME: "chaincheck-probe",
  CHAINCHECK_TARGET_ROLE_ARN: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
  CHAINCHECK_CLUSTER_ID: "chaincheck-cluster",
  CHAINCHECK_DATABASE: "dev",
};

describe("harness config", () => {
  test("defaults to the embedded target, the lambda-probe origin and the console format", () => {
    const config = resolveHarnessConfig({}, {}, dirWithEnv());
    expect([config.target, config.origin, config.format, config.chain]).toEqual([
      "embedded",
      "lambda-probe",
      "console",
      undefined,
    ]);
  });

  test("infers the endpoint target from AWS_ENDPOINT_URL and defaults its origin to local", () => {
    const config = resolveHarnessConfig(
      {},
      { ...CHAIN_ENV, AWS_ENDPOINT_URL: "http://127.0.0.1:4566" },
      dirWithEnv(),
    );
    expect([config.target, config.origin, config.endpoint, config.chain?.functionName]).toEqual([
      "endpoint",
      "local",
      "http://127.0.0.1:4566",
      "chaincheck-probe",
    ]);
  });

  test(".env is read first, the environment overrides it, flags override both", () => {
    const dir = dirWithEnv(
      "CHAINCHECK_TARGET=aws\nCHAINCHECK_ORIGIN=lambda-probe\nCHAINCHECK_FORMAT=junit\nCHAINCHECK_DATABASE=from_file\n" +
        Object.entries(CHAIN_ENV)
          .filter(([k]) => k !== "CHAINCHECK_DATABASE")
          .map(([k, v]) => `${k}=${v}`)
          .join("\n"),
    );
    const fileOnly = resolveHarnessConfig({}, {}, dir);
    expect([fileOnly.target, fileOnly.origin, fileOnly.format, fileOnly.chain?.database]).toEqual([
      "aws",
      "lambda-probe",
      "junit",
      "from_file",
    ]);
    const env = { CHAINCHECK_ORIGIN: "local", CHAINCHECK_FORMAT: "json", CHAINCHECK_DATABASE: "from_env" };
    const envOver = resolveHarnessConfig({}, env, dir);
    expect([envOver.target, envOver.origin, envOver.format, envOver.chain?.database]).toEqual([
      "aws",
      "local",
      "json",
      "from_env",
    ]);
    const flagsOver = resolveHarnessConfig({ origin: "lambda-probe", format: "github" }, env, dir);
    expect([flagsOver.origin, flagsOver.format]).toEqual(["lambda-probe", "github"]);
  });

  test("--env-file replaces .env and must exist", () => {
    const dir = dirWithEnv("CHAINCHECK_FORMAT=junit\n");
    writeFileSync(join(dir, "staging.env"), "CHAINCHECK_FORMAT=json\n");
    expect(resolveHarnessConfig({ envFile: "staging.env" }, {}, dir).format).toBe("json");
    expect(problems(() => resolveHarnessConfig({ envFile: "prod.env" }, {}, dir))).toEqual([
      "--env-file: no such file prod.env; expected a dotenv file such as .env (see .env.example)",
    ]);
  });

  test("reports every bad setting at once, naming the flag or the variable it came from", () => {
    expect(
      problems(() =>
        resolveHarnessConfig(
          { target: "cloud", format: "xml" },
          { CHAINCHECK_ORIGIN: "lambda", AWS_ENDPOINT_URL: "127.0.0.1:4566" },
          dirWithEnv(),
        ),
      ),
    ).toEqual([
      '--target: expected one of embedded, endpoint, localstack, aws, got "cloud"; e.g. embedded',
      'CHAINCHECK_ORIGIN: expected one of lambda-probe, local, got "lambda"; e.g. lambda-probe',
      '--format: expected one of console, json, junit, github, html, got "xml"; e.g. console',
      'AWS_ENDPOINT_URL: expected an http(s) URL, e.g. http://127.0.0.1:4566, got "127.0.0.1:4566"',
    ]);
  });

  test("rejects endpoint URLs with a path and real AWS with an endpoint", () => {
    expect(
      problems(() =>
        resolveHarnessConfig({ target: "aws", endpoint: "http://127.0.0.1:4566/x" }, CHAIN_ENV, dirWithEnv()),
      ),
    ).toEqual([
      '--endpoint: expected the endpoint\'s root with no path or query, e.g. http://127.0.0.1:4566, got "http://127.0.0.1:4566/x"',
      "--endpoint: set, but --target aws talks to real AWS; unset it or use --target endpoint",
    ]);
  });

  test("the localstack image comes from CHAINCHECK_LOCALSTACK_IMAGE, unset when empty", () => {
    const image = "localstack/localstack-pro:4.2";
    expect(
      resolveHarnessConfig({}, { CHAINCHECK_LOCALSTACK_IMAGE: image }, dirWithEnv()).localstackImage,
    ).toBe(image);
    expect(
      resolveHarnessConfig({}, { CHAINCHECK_LOCALSTACK_IMAGE: "" }, dirWithEnv()).localstackImage,
    ).toBeUndefined();
  });

  test("a reader in B is one of a profile or a well-formed role ARN, named when wrong", () => {
    const both = {
      CHAINCHECK_B_READ_PROFILE: "b-reader",
      CHAINCHECK_B_READ_ROLE_ARN: "arn:aws:iam::222222222222:role/reader",
    };
    expect(problems(() => resolveHarnessConfig({}, both, dirWithEnv()))).toEqual([
      "CHAINCHECK_B_READ_PROFILE and CHAINCHECK_B_READ_ROLE_ARN: both set; set one — a profile with read access in B, or a role in B the harness assumes",
    ]);
    expect(
      problems(() => resolveHarnessConfig({}, { CHAINCHECK_B_READ_ROLE_ARN: "role/reader" }, dirWithEnv())),
    ).toEqual([
      'CHAINCHECK_B_READ_ROLE_ARN: expected a role ARN in account B, e.g. arn:aws:iam::222222222222:role/chaincheck-reader, got "role/reader"',
    ]);
    expect(resolveHarnessConfig({}, { CHAINCHECK_B_READ_PROFILE: "b-reader" }, dirWithEnv()).bReader).toEqual(
      {
        profile: "b-reader",
      },
    );
  });

  test("reports harness and chain problems together for the endpoint target", () => {
    expect(
      problems(() => resolveHarnessConfig({ target: "endpoint", setup: "missing.yaml" }, {}, dirWithEnv())),
    ).toEqual([
      "AWS_ENDPOINT_URL (or --endpoint): required for --target endpoint; e.g. http://127.0.0.1:4566",
      "--setup: no such file missing.yaml; expected a YAML or JSON setup such as fixtures/setups/seed.yaml",
      "--setup: applies to the embedded and localstack targets only, not --target endpoint",
      "AWS_REGION: required; e.g. ap-northeast-1",
      "CHAINCHECK_FUNCTION_NAME: required; e.g. chaincheck-probe",
      "CHAINCHECK_TARGET_ROLE_ARN: required; e.g. arn:aws:iam::222222222222:role/chaincheck-redshift-role",
      "CHAINCHECK_DATABASE: required; e.g. dev",
      "CHAINCHECK_CLUSTER_ID: set exactly one of CHAINCHECK_CLUSTER_ID (provisioned, e.g. chaincheck-cluster) or CHAINCHECK_WORKGROUP_NAME (serverless, e.g. chaincheck-wg)",
    ]);
  });
});
