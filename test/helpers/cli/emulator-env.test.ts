import { describe, expect, test } from "vitest";
import { loadSetup } from "../../../emulator/index.ts";
import { emulatorEnvBlock, profileBlocks } from "../../../helpers/cli/emulator-env.ts";
import { SEED } from "./run-cli.ts";

describe("the emulator's paste-ready blocks", () => {
  test("the .env block carries every chain field of the setup and the scratch schema it sets", () => {
    const chain = { ...loadSetup(SEED).chain!, scratchSchema: "chaincheck_scratch" };
    const block = emulatorEnvBlock({
      endpoint: "http://127.0.0.1:4566",
      region: "ap-northeast-1",
      setupPath: "seed.yaml",
      chain,
      tester: { arn: "arn:aws:iam::111111111111:user/tester", accessKeyId: "AKIAT", secretAccessKey: "s" },
    });
    expect(
      block
        .split("\n")
        .filter((l) => l.startsWith("export "))
        .map((l) => l.split("=")[0]),
    ).toEqual([
      "export CHAINCHECK_TARGET",
      "export AWS_ENDPOINT_URL",
      "export AWS_REGION",
      "export AWS_DEFAULT_REGION",
      "export CHAINCHECK_FUNCTION_NAME",
      "export CHAINCHECK_TARGET_ROLE_ARN",
      "export CHAINCHECK_EXTERNAL_ID",
      "export CHAINCHECK_SESSION_NAME",
      "export CHAINCHECK_DURATION_SECONDS",
      "export CHAINCHECK_CLUSTER_ID",
      "export CHAINCHECK_DATABASE",
      "export CHAINCHECK_DB_USER",
      "export CHAINCHECK_COPY_SOURCE",
      "export CHAINCHECK_COPY_ROLE_ARN",
      "export CHAINCHECK_COPY_TABLE",
      "export CHAINCHECK_COPY_OPTIONS",
      "export CHAINCHECK_SCRATCH_SCHEMA",
      "export AWS_ACCESS_KEY_ID",
      "export AWS_SECRET_ACCESS_KEY",
    ]);
    expect(block).toContain("export CHAINCHECK_SCRATCH_SCHEMA=chaincheck_scratch\n");
  });

  test("other principals are credentials-file profiles with no export line", () => {
    const text = profileBlocks([
      {
        profile: "chaincheck-222222222222-admin",
        arn: "arn:aws:iam::222222222222:user/admin",
        accessKeyId: "AKIAB",
        secretAccessKey: "b",
      },
    ]);
    expect(text).toBe(
      "# arn:aws:iam::222222222222:user/admin\n[chaincheck-222222222222-admin]\naws_access_key_id = AKIAB\naws_secret_access_key = b",
    );
  });

  test("a setup's chain.scratchSchema reaches the chain config the harness runs with", async () => {
    const { parseChainConfig } = await import("../../../config/chain-config.ts");
    const setup = loadSetup({ extends: SEED, chain: { scratchSchema: "chaincheck_scratch" } });
    expect(parseChainConfig(setup.chain, "setup").scratchSchema).toBe("chaincheck_scratch");
  });
});
