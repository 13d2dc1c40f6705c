import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { EnvironmentRun, RunsEnvelope } from "../../../helpers/report/multi-report.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { tempFolder } from "../../support/files.ts";
import { reportValidators } from "../report/report-schema.ts";
import { failingReport, laxPassingReport } from "../report/sample-report.ts";
import { runMain } from "./cli-in-process.ts";

const validate = reportValidators();

const passing = (): Report => ({ ...laxPassingReport(), target: "endpoint" });
const envelope = (runs: EnvironmentRun[], shard?: { index: number; count: number }) =>
  JSON.stringify({
    schemaVersion: 1,
    exitCode: Math.max(0, ...runs.map((r) => r.exitCode)),
    ...(shard ? { shard } : {}),
    runs,
  });
const down: EnvironmentRun = {
  environment: "down",
  exitCode: 3,
  error: "the target at http://127.0.0.1:9 does not answer (ECONNREFUSED); start it or fix the endpoint.",
};

describe("chaincheck merge", () => {
  test("envelopes and single reports become one envelope sorted by name; a single report is named after its file", async () => {
    const dir = tempFolder({
      "shard-2.json": envelope([{ environment: "b-pair", exitCode: 1, report: failingReport() }]),
      "prod.json": JSON.stringify(passing()),
      "shard-1.json": envelope([{ environment: "a-pair", exitCode: 0, report: passing() }]),
    });
    const files = ["shard-2.json", "prod.json", "shard-1.json"].map((f) => join(dir, f));
    const result = await runMain(["merge", ...files, "--format", "json"]);
    expect([result.code, result.stderr]).toEqual([1, ""]);
    const merged = JSON.parse(result.stdout) as RunsEnvelope;
    expect(validate.runs(merged)).toEqual([]);
    expect([merged.exitCode, merged.runs.map((r) => [r.environment, r.exitCode])]).toEqual([
      1,
      [
        ["a-pair", 0],
        ["b-pair", 1],
        ["prod", 0],
      ],
    ]);
  });

  test("the exit code is the highest: 3 (could not check) over 1 (a link failed)", async () => {
    const dir = tempFolder({
      "a.json": envelope([{ environment: "broken", exitCode: 1, report: failingReport() }]),
      "b.json": envelope([down]),
    });
    const result = await runMain(["merge", join(dir, "a.json"), join(dir, "b.json"), "--format", "console"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("environments: broken fail (exit 1), down error (exit 3) → exit 3");
  });

  test("junit: one testsuite per merged environment, written to --output", async () => {
    const dir = tempFolder({
      "a.json": envelope([{ environment: "broken", exitCode: 1, report: failingReport() }]),
      "b.json": envelope([down]),
    });
    const out = join(dir, "merged.xml");
    const result = await runMain([
      "merge",
      join(dir, "a.json"),
      join(dir, "b.json"),
      "--format",
      "junit",
      "--output",
      out,
    ]);
    expect([result.code, result.stdout]).toEqual([3, ""]);
    expect(
      readFileSync(out, "utf8")
        .split("\n")
        .filter((l) => l.startsWith("<testsuite "))
        .map((l) => /name="([^"]+)"/.exec(l)?.[1]),
    ).toEqual(["chaincheck broken (embedded, origin lambda-probe)", "chaincheck down"]);
  });

  test("github: annotations name each environment and the step summary gets a section each", async () => {
    const dir = tempFolder({
      "a.json": envelope([{ environment: "broken", exitCode: 1, report: failingReport() }, down]),
      "summary.md": "",
    });
    const summary = join(dir, "summary.md");
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = summary;
    try {
      const result = await runMain(["merge", join(dir, "a.json"), "--format", "github"]);
      expect(result.code).toBe(3);
      expect(result.stdout).toContain("::error title=chaincheck [down]%3A could not check::");
      expect(result.stdout).toMatch(/::error [^\n]*title=chaincheck \[broken\]/);
      expect(readFileSync(summary, "utf8")).toMatch(/## environment broken[\s\S]*## environment down/);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
    }
  });

  test("refuses, exit 2, an environment in two reports, another schema version, and a non-report, naming each file", async () => {
    const dir = tempFolder({
      "one.json": envelope([{ environment: "pair-1", exitCode: 0, report: passing() }]),
      "again.json": envelope([{ environment: "pair-1", exitCode: 0, report: passing() }]),
      "v2.json": JSON.stringify({ ...passing(), schemaVersion: 2 }),
      "notes.json": '{"hello": "world"}',
      "broken.json": "{ not json",
    });
    const at = (f: string) => join(dir, f);
    const result = await runMain([
      "merge",
      ...["one.json", "again.json", "v2.json", "notes.json", "broken.json", "absent.json"].map(at),
    ]);
    expect([result.code, result.stdout]).toEqual([2, ""]);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe("chaincheck: merge: cannot merge:");
    expect(lines).toEqual(
      expect.arrayContaining([
        `  - ${at("absent.json")}: no such file; expected the JSON of \`chaincheck run --format json\` (one report or a runs envelope)`,
        `  - ${at("v2.json")}: schemaVersion 2; this chaincheck merges schemaVersion 1 reports only (merge with the chaincheck that wrote them, or re-run the checks with this one)`,
        `  - ${at("notes.json")}: not a chaincheck report (no schemaVersion); expected the JSON of \`chaincheck run --format json\` (one report or a runs envelope)`,
        `  - environment pair-1: in both ${at("one.json")} and ${at("again.json")}; each environment must come from one report`,
      ]),
    );
    expect(result.stderr).toContain(`${at("broken.json")}: not JSON (`);
  });

  test("refuses a missing shard, a shard given twice and shards of different counts", async () => {
    const run = (environment: string): EnvironmentRun => ({ environment, exitCode: 0, report: passing() });
    const dir = tempFolder({
      "s1.json": envelope([run("a")], { index: 1, count: 3 }),
      "s1-again.json": envelope([run("b")], { index: 1, count: 3 }),
      "s2-of-2.json": envelope([run("c")], { index: 2, count: 2 }),
    });
    const at = (f: string) => join(dir, f);
    const missing = await runMain(["merge", at("s1.json")]);
    expect([missing.code, missing.stderr.split("\n").slice(1, 3)]).toEqual([
      2,
      [
        "  - shard 2/3 missing: no input carries it; its job's report was not downloaded or the job did not run",
        "  - shard 3/3 missing: no input carries it; its job's report was not downloaded or the job did not run",
      ],
    ]);
    const twice = await runMain(["merge", at("s1.json"), at("s1-again.json")]);
    expect(twice.stderr).toContain(
      `  - shard 1/3 given twice: ${at("s1.json")} and ${at("s1-again.json")}\n`,
    );
    const mixed = await runMain(["merge", at("s1.json"), at("s2-of-2.json")]);
    expect(mixed.stderr).toContain(
      `  - shards of different counts (of 3, of 2): ${at("s1.json")} is 1/3, ${at("s2-of-2.json")} is 2/2; merge the reports of one sharded run\n`,
    );
  });

  test("no files, a bad format and an output folder that does not exist exit 2 naming the flag", async () => {
    const none = await runMain(["merge"]);
    expect([none.code, none.stderr.split("\n")[0]]).toEqual([
      2,
      "chaincheck: merge: needs the JSON reports to merge, e.g. chaincheck merge reports/*.json (written by chaincheck run --format json)",
    ]);
    const dir = tempFolder({ "a.json": envelope([down]) });
    const format = await runMain(["merge", join(dir, "a.json"), "--format", "yaml"]);
    expect(format.stderr).toContain(
      '  - --format: expected one of console, json, junit, github, html, got "yaml"; e.g. --format junit\n',
    );
    const output = await runMain(["merge", join(dir, "a.json"), "--output", join(dir, "nope", "m.json")]);
    expect([output.code, output.stderr]).toEqual([
      2,
      expect.stringContaining(`  - --output: no such directory ${join(dir, "nope")}; create it first`),
    ]);
  });
});
