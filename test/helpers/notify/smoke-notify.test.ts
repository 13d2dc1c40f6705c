import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { afterRuns, type SmokeOptions } from "../../../helpers/notify/smoke-notify.ts";
import type { Report } from "../../../helpers/report/types.ts";
import { ALL_LINKS_PASS } from "../../support/constants.ts";
import { recordedReport } from "../../support/recorded-reports.ts";
import { startWebhookServer, type WebhookServer } from "../../support/webhook-server.ts";

const green = () => recordedReport("seed-green");
const red = () => recordedReport("trust-policy-missing-principal");

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function stateFile(environments?: object): string {
  const file = join(mkdtempSync(join(tmpdir(), "chaincheck-state-")), "state.json");
  if (environments) writeFileSync(file, JSON.stringify({ schemaVersion: 1, environments }));
  return file;
}

function options(file: string, format: "json" | "slack" = "json", timeoutMs = 2000): SmokeOptions {
  return { stateFile: file, notify: { url: server!.url, format, timeoutMs, backoffMs: [10, 10] } };
}

const run = (report: Report, environment = "default", env: Record<string, string> = {}) => ({
  environment,
  report,
  env,
});
const saved = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("--state and --notify", () => {
  test("a first green run posts nothing and keeps every link's verdict", async () => {
    server = await startWebhookServer();
    const file = stateFile();
    expect(await afterRuns([run(green())], options(file))).toEqual({ notified: [], warnings: [] });
    expect(server.posts).toEqual([]);
    expect(saved(file)).toEqual({
      schemaVersion: 1,
      environments: {
        default: { verdict: "pass", startedAt: "2026-12-01T09:00:00.000Z", links: ALL_LINKS_PASS },
      },
    });
  });

  test("green → red posts the link that went red with AWS's error, the cause and the fix", async () => {
    server = await startWebhookServer();
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    const report = red();
    expect(await afterRuns([run(report)], options(file))).toEqual({ notified: ["default"], warnings: [] });
    expect(server.posts).toHaveLength(1);
    const [post] = server.posts;
    expect(post.contentType).toBe("application/json");
    expect(post.body).toMatchObject({
      schemaVersion: 1,
      source: "chaincheck",
      environment: "default",
      verdict: "fail",
      previousVerdict: "pass",
      failedLink: "assume-role",
      text: "chaincheck [default]: assume-role (AssumeRole into account B) went red (was pass)",
      changes: [
        {
          link: "assume-role",
          from: "pass",
          to: "fail",
          error: { code: "AccessDenied", httpStatus: 403, message: report.links[1].error?.message },
          diagnosis: report.links[1].diagnosis,
        },
      ],
    });
    expect(saved(file).environments.default.links).toEqual({ ...ALL_LINKS_PASS, "assume-role": "fail" });
  });

  test("red → red posts nothing; red → green posts that the link is green again", async () => {
    server = await startWebhookServer();
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    await afterRuns([run(red())], options(file));
    await afterRuns([run(red())], options(file));
    expect(server.posts).toHaveLength(1);
    await afterRuns([run(green())], options(file));
    expect(server.posts).toHaveLength(2);
    expect(server.posts[1].body).toMatchObject({
      verdict: "pass",
      previousVerdict: "fail",
      changes: [{ link: "assume-role", from: "fail", to: "pass" }],
    });
    expect((server.posts[1].body as { changes: object[] }).changes[0]).not.toHaveProperty("diagnosis");
  });

  test("--notify-format slack posts text and blocks with the fix in a code block", async () => {
    server = await startWebhookServer();
    const file = stateFile({ prod: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    const report = red();
    await afterRuns([run(report, "prod")], options(file, "slack"));
    const body = server.posts[0].body as {
      text: string;
      blocks: { type: string; text: { type: string; text: string } }[];
    };
    expect(body.text).toBe("chaincheck [prod]: assume-role (AssumeRole into account B) went red (was pass)");
    expect(body.blocks.map((b) => [b.type, b.text.type])).toEqual([
      ["section", "mrkdwn"],
      ["section", "mrkdwn"],
    ]);
    expect(body.blocks[0].text.text).toBe(
      ":red_circle: *chaincheck [prod]*: fail — `assume-role` failed (target `embedded`)",
    );
    expect(body.blocks[1].text.text).toContain(
      "cause `trust-policy-missing-principal` — account B must change",
    );
    expect(body.blocks[1].text.text).toContain(`fix:\n\`\`\`${report.links[1].diagnosis?.fix}\`\`\``);
  });

  test("a webhook that fails twice and then answers gets the post on the third attempt", async () => {
    server = await startWebhookServer([503, 500, 200]);
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    expect(await afterRuns([run(red())], options(file))).toEqual({ notified: ["default"], warnings: [] });
    expect(server.posts).toHaveLength(3);
  });

  test("a webhook that keeps failing is a warning naming its host only, and the change is kept for the next run", async () => {
    server = await startWebhookServer([500]);
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    const outcome = await afterRuns([run(red())], options(file));
    const origin = new URL(server.url).origin;
    expect(outcome).toEqual({
      notified: [],
      warnings: [
        `--notify: could not post the change of default to ${origin} (HTTP 500 after 3 attempts); its state is kept, so the next run posts it again. The run's result is unchanged.`,
      ],
    });
    expect(outcome.warnings[0]).not.toContain("secret-path");
    expect(saved(file).environments.default.links).toEqual(ALL_LINKS_PASS);
  });

  test("a webhook that never answers times out on every attempt and becomes a warning", async () => {
    server = await startWebhookServer(["hang"]);
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    const outcome = await afterRuns([run(red())], options(file, "json", 200));
    expect(outcome.warnings).toEqual([expect.stringContaining("(timed out after 0.2 s after 3 attempts)")]);
    expect(server.posts).toHaveLength(3);
  });

  test("a 4xx answer is final: no retry", async () => {
    server = await startWebhookServer([404]);
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    const outcome = await afterRuns([run(red())], options(file));
    expect(outcome.warnings).toEqual([expect.stringContaining("(HTTP 404 after 1 attempt)")]);
    expect(server.posts).toHaveLength(1);
  });

  test("each environment is compared with its own last verdict; one that could not run keeps its state", async () => {
    server = await startWebhookServer();
    const file = stateFile({
      staging: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS },
      prod: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS },
      dr: { verdict: "fail", startedAt: "x", links: { ...ALL_LINKS_PASS, "assume-role": "fail" } },
    });
    await afterRuns(
      [run(red(), "staging"), run(green(), "prod"), { environment: "dr", env: {} }],
      options(file),
    );
    expect(server.posts.map((p) => (p.body as { environment: string }).environment)).toEqual(["staging"]);
    expect(saved(file).environments.dr.links["assume-role"]).toBe("fail");
  });

  test("the payload carries no secret of the environment", async () => {
    server = await startWebhookServer();
    const key = "canarySecretKey0123456789abcdefghijKLMNOP";
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    const report = red();
    report.links[1].error!.message = `denied for ${key}`;
    await afterRuns([run(report, "default", { AWS_SECRET_ACCESS_KEY: key })], options(file));
    expect(JSON.stringify(server.posts[0].body)).not.toContain(key);
    expect(JSON.stringify(server.posts[0].body)).toContain("denied for ***");
  });

  test("with --state only, the verdicts are kept and nothing is posted", async () => {
    const file = stateFile({ default: { verdict: "pass", startedAt: "x", links: ALL_LINKS_PASS } });
    expect(await afterRuns([run(red())], { stateFile: file })).toEqual({ notified: [], warnings: [] });
    expect(saved(file).environments.default.verdict).toBe("fail");
  });
});
