import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { runMain } from "../helpers/cli/cli-in-process.ts";
import { recordedReport } from "../support/recorded-reports.ts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}

const workflow = parse(
  readFileSync(new URL("../../examples/github-actions-smoke.yml", import.meta.url), "utf8"),
) as {
  on: { schedule: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
};
const job = workflow.jobs.chain;
const gh = (expression: string) => `\${{ ${expression} }}`;
const step = (uses: string) => job.steps.find((s) => s.uses?.startsWith(uses));

describe("examples/github-actions-smoke.yml", () => {
  test("runs on a schedule with an OIDC token and no stored keys", () => {
    expect(workflow.on.schedule).toEqual([{ cron: "17 * * * *" }]);
    expect(workflow.permissions["id-token"]).toBe("write");
    expect(step("aws-actions/configure-aws-credentials@")?.with).toEqual({
      "role-to-assume": gh("vars.CHAINCHECK_ROLE_TO_ASSUME"),
      "role-session-name": `chaincheck-smoke-${gh("github.run_id")}`,
      "aws-region": gh("vars.AWS_REGION"),
    });
    expect(JSON.stringify(workflow)).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws-secret-access-key|secrets\./);
  });

  test("runs the chain once against AWS as JSON, after credentials and npm ci, then renders JUnit and HTML", () => {
    const names = job.steps.map((s) => s.uses?.split("@")[0] ?? s.run?.split("\n")[0]);
    expect(names).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      "aws-actions/configure-aws-credentials",
      "mkdir -p reports",
      "npx chaincheck render reports/chaincheck.json --format junit --output reports/chaincheck.xml",
      "actions/upload-artifact",
      "actions/upload-artifact",
    ]);
    const run = job.steps.find((s) => s.name === "Walk the chain");
    expect(run?.run).toBe(
      "mkdir -p reports\nnpx chaincheck run --target aws --format json --output reports/chaincheck.json\n",
    );
    expect(job.env.CHAINCHECK_TARGET).toBe("aws");
  });

  test("the render step's commands turn a saved red run into the JUnit and HTML files it uploads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-workflow-"));
    mkdirSync(join(dir, "reports"));
    writeFileSync(
      join(dir, "reports/chaincheck.json"),
      JSON.stringify(recordedReport("trust-policy-missing-principal")),
    );
    const render = job.steps.find((s) => s.name === "Render the JUnit and HTML reports");
    expect(render?.if).toBe("always() && hashFiles('reports/chaincheck.json') != ''");
    const commands = (render?.run ?? "").trim().split("\n");
    for (const command of commands) {
      const args = command
        .replace(/^npx chaincheck /, "")
        .split(" ")
        .map((a) => (a.startsWith("reports/") ? join(dir, a) : a));
      expect(await runMain(args), command).toMatchObject({ code: 0, stderr: "" });
    }
    expect(readFileSync(join(dir, "reports/chaincheck.xml"), "utf8")).toContain(
      '<testcase name="assume-role"',
    );
    expect(readFileSync(join(dir, "reports/chaincheck.html"), "utf8")).toMatch(
      /<g class="link status-fail highlight" data-link="assume-role"/,
    );
  });

  test("uploads the JUnit and HTML reports even when the chain is red, and lets the red exit fail the job", () => {
    const uploads = job.steps.filter((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(uploads.map((u) => [u.if, u.with?.name, u.with?.path])).toEqual([
      ["always()", "chaincheck-junit", "reports/chaincheck.xml"],
      ["always()", "chaincheck-html", "reports/chaincheck.html"],
    ]);
    const run = job.steps.find((s) => s.name === "Walk the chain");
    expect(run).not.toHaveProperty("continue-on-error");
    expect(run?.run).not.toMatch(/\|\| true|set \+e/);
  });

  test("sets every chain variable the aws target requires", () => {
    for (const name of [
      "AWS_REGION",
      "CHAINCHECK_FUNCTION_NAME",
      "CHAINCHECK_TARGET_ROLE_ARN",
      "CHAINCHECK_CLUSTER_ID",
      "CHAINCHECK_DATABASE",
    ])
      expect(job.env[name], name).toBe(gh(`vars.${name}`));
  });
});
