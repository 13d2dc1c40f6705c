import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { stringify } from "yaml";
import type { RunsEnvelope } from "../../../helpers/report/multi-report.ts";
import { test } from "../../support/emulator-fixture.ts";
import { tempFolder } from "../../support/files.ts";
import { reportValidators } from "../report/report-schema.ts";
import { runMain } from "./cli-in-process.ts";
import { seedChainEnv } from "./seed-chain-env.ts";

const validate = reportValidators();

const NAMES = ["wh-07", "pair-b", "pair-a", "fleet/x", "Zeta", "alpha.1", "pair-c", "wh-10"];
const WRONG_EXTERNAL_ID = new Set(["pair-b", "wh-10"]);
const UNREACHABLE = "alpha.1";

/** A fleet of eight pairs over one emulator through the endpoint target: most pass, two send a
 *  wrong ExternalId (exit 1), one points at a closed port (exit 3). */
function fleetMatrix(
  endpoint: string,
  region: string,
  keys: { accessKeyId: string; secretAccessKey: string },
) {
  return {
    environments: NAMES.map((name) => ({
      name,
      vars: {
        ...seedChainEnv(),
        CHAINCHECK_TARGET: "endpoint",
        AWS_ENDPOINT_URL: name === UNREACHABLE ? "http://127.0.0.1:9" : endpoint,
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        CHAINCHECK_SESSION_NAME: `chaincheck-${name.replace(/[^\w]/g, "-")}`,
        ...(WRONG_EXTERNAL_ID.has(name) ? { CHAINCHECK_EXTERNAL_ID: "not-the-external-id" } : {}),
      },
    })),
  };
}

const VOLATILE_KEYS = new Set(["durationMs", "startedAt", "requestId", "queryId", "retries"]);
const VOLATILE_TEXT = [
  /chaincheck_scratch_[\w]+/g,
  /chaincheck[-_]control[-_][0-9a-f]{10}/g,
  /\(query \d+\)/g,
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
  /ASIA[A-Z0-9]{16}/g,
];

type Call = { service: string; operation: string };

/** A link's calls without the repeats of a status poll, whose number is a matter of timing. */
function withoutPollRepeats(calls: Call[]): Call[] {
  return calls.filter(
    (c, i) => !(i > 0 && c.operation === "DescribeStatement" && calls[i - 1].operation === c.operation),
  );
}

/** The JSON without timings, retry counts (a reused keep-alive socket the server just closed is a
 *  matter of timing too) and per-run ids (request ids, statement and query ids, scratch tables,
 *  negative controls' names) and without the repeats of status polls. */
function withoutTimings(value: unknown, key?: string): unknown {
  if (Array.isArray(value))
    return (key === "calls" ? withoutPollRepeats(value as Call[]) : value).map((v) => withoutTimings(v));
  if (typeof value === "string") return VOLATILE_TEXT.reduce((s, re) => s.replace(re, "<id>"), value);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE_KEYS.has(k))
        .map(([k, v]) => [k, withoutTimings(v, k)]),
    );
  return value;
}

describe("run --shard K/N and chaincheck merge", () => {
  test("sharded runs merged equal the unsharded run merged, for 1, 3 and 7 shards; every environment in exactly one shard", async ({
    emu,
  }) => {
    const dir = tempFolder();
    const matrix = join(dir, "fleet.yaml");
    writeFileSync(matrix, stringify(fleetMatrix(emu.endpoint, emu.region, emu.credentials("A:tester"))));
    const run = async (out: string, extra: string[] = []) => {
      const result = await runMain([
        "run",
        "--matrix",
        matrix,
        "--format",
        "json",
        "--concurrency",
        "4",
        "--output",
        out,
        ...extra,
      ]);
      return { ...result, envelope: JSON.parse(readFileSync(out, "utf8")) as RunsEnvelope };
    };
    const whole = await run(join(dir, "whole.json"));
    expect([whole.code, whole.stderr]).toEqual([3, ""]);
    expect(validate.runs(whole.envelope)).toEqual([]);
    const wholeMerged = await runMain(["merge", join(dir, "whole.json"), "--format", "json"]);
    expect(wholeMerged.code).toBe(3);
    const expected = withoutTimings(JSON.parse(wholeMerged.stdout));
    expect(
      (expected as RunsEnvelope).runs.map((r) => [
        r.environment,
        r.exitCode,
        r.report ? r.report.failedLink : r.error?.slice(0, 22),
      ]),
    ).toEqual([
      ["Zeta", 0, null],
      ["alpha.1", 3, "the target at http://1"],
      ["fleet/x", 0, null],
      ["pair-a", 0, null],
      ["pair-b", 1, "assume-role"],
      ["pair-c", 0, null],
      ["wh-07", 0, null],
      ["wh-10", 1, "assume-role"],
    ]);
    for (const count of [1, 3, 7]) {
      const files: string[] = [];
      const parts: string[][] = [];
      for (let index = 1; index <= count; index++) {
        const file = join(dir, `shard-${index}-of-${count}.json`);
        const shard = await run(file, ["--shard", `${index}/${count}`]);
        expect(validate.runs(shard.envelope)).toEqual([]);
        expect(shard.envelope.shard).toEqual({ index, count });
        files.push(file);
        parts.push(shard.envelope.runs.map((r) => r.environment));
      }
      expect(parts.flat().sort()).toEqual([...NAMES].sort());
      expect(
        Math.max(...parts.map((p) => p.length)) - Math.min(...parts.map((p) => p.length)),
      ).toBeLessThanOrEqual(1);
      const merged = await runMain(["merge", ...files.reverse(), "--format", "json"]);
      expect([merged.code, merged.stderr]).toEqual([3, ""]);
      expect(validate.runs(JSON.parse(merged.stdout))).toEqual([]);
      expect(withoutTimings(JSON.parse(merged.stdout))).toEqual(expected);
    }
  }, 240_000);
});
