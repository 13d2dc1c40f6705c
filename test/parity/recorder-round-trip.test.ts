import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/index.ts";
import { emulatorEnvBlock } from "../../helpers/cli/emulator-env.ts";
import { main } from "../../helpers/cli/main.ts";
import { CATALOG_FILE, RECORDING_FILE } from "../../helpers/recorder/record-chain.ts";
import { SEED } from "../support/constants.ts";
import { tempFolder } from "../support/files.ts";
import { replayChain } from "./support/chain-replay.ts";
import { Bindings, bindStandalone, compareRecorded } from "./support/match-recorded.ts";
import type { CatalogEntry, RecordedCase } from "./support/recorded-cases.ts";

const SECRET_MEMBERS = ["SecretAccessKey", "SessionToken", "DbPassword", "SecretString"];

function membersNamed(value: unknown, names: string[], found: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const v of value) membersNamed(v, names, found);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (names.includes(k)) found.push(v);
      else membersNamed(v, names, found);
    }
  return found;
}

describe("chaincheck record against a standalone emulator (endpoint target)", () => {
  let emu: RunningEmulator;
  let dir: string;
  let exitCode: number;
  let testerSecret: string;

  beforeAll(async () => {
    emu = await startEmulator({ setup: SEED });
    const tester = emu.credentials("A:tester");
    testerSecret = tester.secretAccessKey;
    dir = tempFolder();
    const envFile = join(dir, ".env.emulator");
    writeFileSync(
      envFile,
      emulatorEnvBlock({
        endpoint: emu.endpoint,
        region: emu.region,
        setupPath: SEED,
        chain: emu.world.setup.chain,
        tester: { ...tester, arn: "arn:aws:iam::111111111111:user/tester" },
      }),
    );
    exitCode = await main([
      "record",
      "--target",
      "endpoint",
      "--env-file",
      envFile,
      "--setup",
      SEED,
      "--output",
      join(dir, "recorded"),
    ]);
  }, 120_000);

  afterAll(async () => {
    await emu?.stop();
  });

  const recordingText = () => readFileSync(join(dir, "recorded", RECORDING_FILE), "utf8");
  const recording = () => Object.values(JSON.parse(recordingText()) as Record<string, RecordedCase>)[0]!;

  test("writes one case and its catalog entry in the recorded corpus's format", () => {
    expect(exitCode).toBe(0);
    const catalog = JSON.parse(readFileSync(join(dir, "recorded", CATALOG_FILE), "utf8")) as CatalogEntry[];
    expect(catalog).toEqual([
      expect.objectContaining({
        service: "chain",
        key: "ChainRecording::endpoint[chaincheck-probe]",
        file: "chaincheck-record.json",
        needs: [],
        validated: false,
      }),
    ]);
    expect(catalog[0]!.operations).toEqual(
      expect.arrayContaining(["sts:AssumeRole", "redshift:GetClusterCredentials", "s3:ListObjectsV2"]),
    );
    expect(recording()["recorded-date"]).toMatch(/^\d{2}-\d{2}-\d{4}, \d{2}:\d{2}:\d{2}$/);
    expect(recording().replay?.setup).toBe("fixtures/setups/seed.yaml");
  });

  test("keeps the chain's calls and their denied variants", () => {
    const content = recording()["recorded-content"];
    expect(content["assume-role/sts:AssumeRole#3"]).toMatchObject({
      Error: { Code: "AccessDenied" },
      ResponseMetadata: { HTTPStatusCode: 403 },
    });
    expect(content["cluster-credentials/redshift:GetClusterCredentials#2"]).toMatchObject({
      Error: {
        Code: "AccessDenied",
        Message: expect.stringContaining("dbuser:chaincheck-cluster/<control-name:"),
      },
    });
    expect(content["copy-from-s3/s3:ListObjectsV2"]).toMatchObject({ Error: { Code: "AccessDenied" } });
  });

  test("writes no secret: keys, session tokens and passwords are placeholders", () => {
    const text = recordingText() + readFileSync(join(dir, "recorded", CATALOG_FILE), "utf8");
    const issued = emu.world.credentials.all().flatMap((c) => [c.secretAccessKey, c.sessionToken ?? ""]);
    const leaked = [testerSecret, ...issued].filter((secret) => secret.length > 0 && text.includes(secret));
    expect(leaked).toEqual([]);
    const secrets = membersNamed(recording()["recorded-content"], SECRET_MEMBERS);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    expect(new Set(secrets)).toEqual(new Set(["<secret-access-key>", "<session-token>", "<password>"]));
  });

  test("the recording matches the emulator replaying it", async () => {
    const recorded = recording()["recorded-content"];
    const answers = await replayChain(recording().replay!.setup);
    expect([...answers.keys()]).toEqual(Object.keys(recorded));
    const bindings = new Bindings();
    for (const [name, answer] of Object.entries(recorded))
      bindStandalone(answer, answers.get(name), bindings);
    const differences = Object.entries(recorded).flatMap(([name, answer]) =>
      compareRecorded(answer, answers.get(name), bindings, [], `$.${name}`),
    );
    expect(differences).toEqual([]);
  }, 120_000);
});
