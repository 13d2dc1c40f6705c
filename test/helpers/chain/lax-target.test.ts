import { describe, expect, test } from "vitest";
import { startEmulator } from "../../../emulator/index.ts";
import { exitCodeFor } from "../../../helpers/chain/runner.ts";
import { formatConsoleReport } from "../../../helpers/report/console-reporter.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { createPool } from "../../../helpers/scenarios/run-pool.ts";
import { listScenarios } from "../../../helpers/scenarios/scenario-list.ts";
import { defaultSetupPath } from "../../../helpers/targets/open-target.ts";
import { runAgainstEndpoint } from "./endpoint-run.ts";

const pool = createPool(2);

async function laxRun(setupFile: string): Promise<Report> {
  await using emu = await startEmulator({ setup: setupFile, iam: "off" });
  return await runAgainstEndpoint(emu, setupFile);
}

const BROAD_DBUSER = new URL("./fixtures/broad-dbuser-policy.yaml", import.meta.url).pathname;
// GetCredentials on a workgroup has no resource a control could name that the setup cannot allow
// (helpers/chain/cluster-credentials.ts): there the control is inconclusive.
const INCONCLUSIVE_CONTROL = new Set(["serverless-credentials-denied"]);

const LINKS_WITH_CONTROLS = new Set([
  "assume-role",
  "cluster-credentials",
  "execute-statement",
  "copy-from-s3",
]);

function plainPasses(report: Report): string[] {
  return report.links
    .filter((l) => l.status === "pass" && LINKS_WITH_CONTROLS.has(l.id) && l.assurance === "enforced")
    .map((l) => l.id);
}

describe("--target endpoint against an emulator that evaluates no policy", () => {
  test("the seed passes with every link after lambda-role not enforced, the verdict says wired, not verified, exit 0", async () => {
    const report = await pool(() => laxRun(defaultSetupPath()));
    expect(report.links.map((l) => [l.id, l.status, l.assurance])).toEqual([
      ["lambda-role", "pass", "enforced"],
      ["assume-role", "pass", "not-enforced"],
      ["cluster-credentials", "pass", "not-enforced"],
      ["execute-statement", "pass", "not-enforced"],
      ["copy-from-s3", "pass", "not-enforced"],
    ]);
    expect([report.assurance, exitCodeFor(report)]).toEqual(["not-enforced", 0]);
    const text = formatConsoleReport(report);
    expect(text).toContain("✔ assume-role          pass (not enforced by this target)");
    expect(text).toMatch(
      /verdict: pass — wired, not verified: assume-role, cluster-credentials, execute-statement, copy-from-s3 passed on a target that did not enforce them/,
    );
  });

  const scenarios = listScenarios().filter((s) => s.expect && !s.problem && s.expect.link !== "lambda-role");
  test.concurrent.each(scenarios.map((s) => [s.name, s] as const))(
    "%s: a break the target ignores is a pass not enforced, never a plain pass",
    { timeout: 300_000 },
    async (_name, scenario) => {
      const report = await pool(() => laxRun(scenario.file));
      const link = report.links.find((l) => l.id === scenario.expect?.link);
      expect(plainPasses(report)).toEqual([]);
      const expected = INCONCLUSIVE_CONTROL.has(scenario.name) ? "unknown" : "not-enforced";
      if (link?.status === "pass") expect([link.id, link.assurance]).toEqual([link.id, expected]);
      if (report.verdict === "pass") expect(report.assurance).not.toBe("enforced");
    },
  );
});

describe("a control the setup's own broad policy allows", () => {
  test("on an enforcing target is a warning about the policy and an unknown assurance, not a target that does not enforce", async () => {
    const report = await pool(async () => {
      await using emu = await startEmulator({ setup: BROAD_DBUSER });
      return await runAgainstEndpoint(emu, BROAD_DBUSER);
    });
    expect(report.links.map((l) => [l.id, l.status, l.control?.outcome, l.assurance])).toEqual([
      ["lambda-role", "pass", "refused", "enforced"],
      ["assume-role", "pass", "refused", "enforced"],
      ["cluster-credentials", "pass", "allowed", "unknown"],
      ["execute-statement", "pass", "allowed", "unknown"],
      ["copy-from-s3", "pass", "refused", "enforced"],
    ]);
    expect(report.warnings?.filter((w) => w.check === "control-allowed-by-policy")).toEqual(
      ["cluster-credentials", "execute-statement"].map((id) => ({
        check: "control-allowed-by-policy",
        severity: "warning",
        message: expect.stringMatching(
          new RegExp(
            `^chaincheck-redshift-role may get credentials for any DB user of chaincheck-cluster \\(its policy allows the control's user chaincheck_control_[0-9a-f]{10}\\), so the control cannot tell whether this target enforces IAM on ${id}$`,
          ),
        ),
        fix: "scope redshift:GetClusterCredentials to arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user and arn:aws:redshift:ap-northeast-1:222222222222:dbname:chaincheck-cluster/dev",
      })),
    );
    expect(report.assurance).toBe("unknown");
  });

  test("on a target that evaluates no policy, a scoped policy's control stays not enforced", async () => {
    const report = await pool(() => laxRun(defaultSetupPath()));
    expect(report.warnings?.map((w) => w.check)).not.toContain("control-allowed-by-policy");
  });
});
