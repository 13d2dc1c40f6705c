import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { runsEnvelope } from "../../../helpers/report/multi-report.ts";
import { recordedReport } from "../../support/recorded-reports.ts";
import { runMain } from "./cli-in-process.ts";

const KEY = "canarySecretKey0123456789abcdefghijKLMNOP";
const saved = process.env.AWS_SECRET_ACCESS_KEY;
afterEach(() => {
  if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  else process.env.AWS_SECRET_ACCESS_KEY = saved;
});

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "chaincheck-render-")), name);
  writeFileSync(path, content);
  return path;
}

describe("chaincheck render", () => {
  test("renders a saved several-environments envelope as the HTML grid, one card per environment", async () => {
    const envelope = runsEnvelope([
      { environment: "staging", exitCode: 1, report: recordedReport("trust-policy-missing-principal") },
      { environment: "dr", exitCode: 3, error: "endpoint http://127.0.0.1:1 did not answer" },
    ]);
    const input = file("runs.json", JSON.stringify(envelope));
    const output = join(tmpdir(), `chaincheck-render-${process.pid}.html`);
    expect(await runMain(["render", input, "--output", output])).toEqual({ code: 0, stdout: "", stderr: "" });
    const html = readFileSync(output, "utf8");
    expect([...html.matchAll(/<div class="card" data-environment="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "staging",
      "dr",
    ]);
    expect(html).toContain("<h1>chaincheck: 2 environments · exit 3</h1>");
  });

  test("redacts the environment's secrets from what it renders, in every format", async () => {
    const report = recordedReport("trust-policy-missing-principal");
    report.links[1].error!.message = `denied for ${KEY}`;
    const input = file("report.json", JSON.stringify(report));
    process.env.AWS_SECRET_ACCESS_KEY = KEY;
    for (const format of ["html", "console", "junit", "github", "json"]) {
      const result = await runMain(["render", input, "--format", format]);
      expect(result.code, format).toBe(0);
      expect(result.stdout, format).not.toContain(KEY);
      expect(result.stdout, format).toContain("denied for ***");
    }
  });
});
