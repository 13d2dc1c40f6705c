import { describe, expect, test } from "vitest";
import { runMain } from "../helpers/cli/cli-in-process.ts";
import { reportValidators } from "../helpers/report/report-schema.ts";
import { SEED } from "../support/constants.ts";

const runLocal = (scenario: string, ...flags: string[]) =>
  runMain(["run", "--scenario", scenario, "--origin", "local", ...flags]);

describe("run --baseline", () => {
  test("adds what changed on the failed link's path since the baseline to a red report", async () => {
    const result = await runLocal("data-api-denied", "--format", "json", "--baseline", SEED);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.failedLink).toBe("execute-statement");
    expect(reportValidators().report(report)).toEqual([]);
    expect(report.changedSinceBaseline).toEqual({
      baseline: SEED,
      changes: [
        {
          link: "cluster-credentials",
          links: ["cluster-credentials", "execute-statement"],
          item: "role arn:aws:iam::222222222222:role/chaincheck-redshift-role attached policies",
          change: "changed",
          old: ["arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess"],
          new: [],
        },
      ],
    });
  }, 120_000);

  test("says nothing changed on the path when the baseline is the same world", async () => {
    const result = await runLocal(
      "sql-syntax",
      "--baseline",
      `${SEED.replace(/setups\/seed\.yaml$/, "scenarios/sql-syntax.yaml")}`,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("nothing on copy-from-s3's path changed since the last green run");
  }, 120_000);
});
