import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { ALL_LINKS_PASS } from "../../support/constants.ts";
import { startWebhookServer, type WebhookServer } from "../../support/webhook-server.ts";
import { runMain } from "./cli-in-process.ts";

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function stateWith(links: Record<string, string>, verdict: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "chaincheck-cli-state-")), "state.json");
  writeFileSync(
    file,
    JSON.stringify({ schemaVersion: 1, environments: { default: { verdict, startedAt: "x", links } } }),
  );
  return file;
}

describe("chaincheck run --state --notify", () => {
  test("a scenario turning a green chain red: its HTML report highlights the failed link, the webhook gets it with its fix, exit 1 as always", async () => {
    server = await startWebhookServer();
    const state = stateWith(ALL_LINKS_PASS, "pass");
    const html = join(dirname(state), "report.html");
    const result = await runMain([
      "run",
      "--scenario",
      "trust-policy-missing-principal",
      "--format",
      "html",
      "--output",
      html,
      "--state",
      state,
      "--notify",
      server.url,
      "--notify-format",
      "slack",
    ]);
    expect([result.code, result.stderr]).toEqual([1, ""]);
    expect(server.posts).toHaveLength(1);
    const body = server.posts[0].body as { text: string; blocks: { text: { text: string } }[] };
    expect(body.text).toBe(
      "chaincheck [default]: assume-role (AssumeRole into account B) went red (was pass)",
    );
    expect(body.blocks[1].text.text).toContain(
      "aws iam update-assume-role-policy --role-name chaincheck-redshift-role",
    );
    expect(JSON.parse(readFileSync(state, "utf8")).environments.default.links["assume-role"]).toBe("fail");
    const page = readFileSync(html, "utf8");
    expect(
      [...page.matchAll(/<g class="[^"]*\bhighlight\b[^"]*" data-link="([^"]+)"/g)].map((m) => m[1]),
    ).toEqual(["assume-role"]);
    expect(page).toContain("scenario trust-policy-missing-principal: as declared");
  });

  test("a green run whose webhook keeps failing stays green: exit 0, one warning line", async () => {
    server = await startWebhookServer([502]);
    const state = stateWith({ ...ALL_LINKS_PASS, "assume-role": "fail" }, "fail");
    const result = await runMain([
      "run",
      "--format",
      "json",
      "--state",
      state,
      "--notify",
      server.url,
      "--notify-timeout",
      "2",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).verdict).toBe("pass");
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^chaincheck: warning: --notify: could not post the change of default to http:\/\/127\.0\.0\.1:\d+ \(HTTP 502 after 3 attempts\)/,
      ),
    ]);
    expect(server.posts).toHaveLength(3);
    expect(JSON.parse(readFileSync(state, "utf8")).environments.default.links["assume-role"]).toBe("fail");
  });
});
