import { readFileSync } from "node:fs";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const FILE = new URL("../../examples/github-actions-fleet.yml", import.meta.url);
const text = readFileSync(FILE, "utf8");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | boolean>;
}
interface Job {
  needs?: string;
  if?: string;
  strategy?: { "fail-fast": boolean; matrix: { shard: number[] } };
  steps: Step[];
}

const workflow = parse(text) as { env: { SHARDS: string }; jobs: { check: Job; merge: Job } };
const { check, merge } = workflow.jobs;
const gh = (expression: string) => `\${{ ${expression} }}`;

/** GitHub's own workflow parser and schema (@actions/workflow-parser): its errors for `content`. */
async function workflowErrors(content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name: "github-actions-fleet.yml", content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value === undefined) return errors;
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return [...errors, ...(template.errors ?? []).map((e) => e.Message)];
}

describe("examples/github-actions-fleet.yml", () => {
  test("is a valid GitHub Actions workflow by GitHub's workflow schema", async () => {
    expect(await workflowErrors(text)).toEqual([]);
  });

  test("the schema check refuses a broken variant (an unknown key in a job)", async () => {
    const broken = text.replace("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    shards: 4\n");
    expect((await workflowErrors(broken)).join("\n")).toMatch(/shards/);
  });

  test("one job per shard 1…SHARDS, none cancelling the others, each checking its own --shard K/N", () => {
    expect(check.strategy?.matrix.shard).toEqual(
      Array.from({ length: Number(workflow.env.SHARDS) }, (_, i) => i + 1),
    );
    expect(check.strategy?.["fail-fast"]).toBe(false);
    const run = check.steps.find((s) => s.name === "Check this shard")?.run;
    expect(run).toContain(
      `npx chaincheck run --matrix fleet/matrix.yaml --shard ${gh("matrix.shard")}/${gh("env.SHARDS")} --concurrency 16 --format json --output reports/shard-${gh("matrix.shard")}.json`,
    );
  });

  test("every shard uploads its JSON report, even when red, under a name the merge job downloads", () => {
    const upload = check.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect([upload?.if, upload?.with?.name, upload?.with?.path]).toEqual([
      "always()",
      `chaincheck-shard-${gh("matrix.shard")}`,
      `reports/shard-${gh("matrix.shard")}.json`,
    ]);
    const download = merge.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"));
    expect(download?.with).toEqual({
      pattern: "chaincheck-shard-*",
      "merge-multiple": true,
      path: "reports",
    });
  });

  test("the merge job runs after every shard whatever their outcome, and its last step carries the worst exit", () => {
    expect([merge.needs, merge.if]).toEqual(["check", "always()"]);
    const last = merge.steps.at(-1);
    expect([last?.run, last?.if]).toEqual(["npx chaincheck merge reports/*.json --format github", undefined]);
    expect(JSON.stringify(workflow)).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws-secret-access-key|secrets\./);
  });
});
