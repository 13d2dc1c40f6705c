import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

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

  test("runs the documented command against AWS, writing JUnit, after credentials and npm ci", () => {
    const names = job.steps.map((s) => s.uses?.split("@")[0] ?? s.run?.split("\n")[0]);
    expect(names).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      "aws-actions/configure-aws-credentials",
      "mkdir -p reports",
      "actions/upload-artifact",
    ]);
    const run = job.steps.find((s) => s.name === "Walk the chain");
    expect(run?.run).toBe(
      "mkdir -p reports\nnpx chaincheck run --target aws --format junit --output reports/chaincheck.xml\n",
    );
    expect(job.env.CHAINCHECK_TARGET).toBe("aws");
  });

  test("uploads the JUnit report even when the chain is red, and lets the red exit fail the job", () => {
    const upload = step("actions/upload-artifact@");
    expect([upload?.if, upload?.with?.path]).toEqual(["always()", "reports/chaincheck.xml"]);
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
