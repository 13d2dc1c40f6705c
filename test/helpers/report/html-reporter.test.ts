import { describe, expect, test } from "vitest";
import { fixParts } from "../../../helpers/report/fix-parts.ts";
import { renderReport } from "../../../helpers/report/format-report.ts";
import { formatHtmlReport, formatHtmlRuns } from "../../../helpers/report/html-reporter.ts";
import { failingReport, laxPassingReport, unsettledReport } from "./sample-report.ts";

const TRUST_FIX = [
  "Let arn:aws:iam::111111111111:role/L assume arn:aws:iam::222222222222:role/R (in B):",
  "{",
  '  "Version": "2012-10-17",',
  '  "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111111111111:role/L" }, "Action": "sts:AssumeRole" }]',
  "}",
  "  aws iam update-assume-role-policy --role-name R --policy-document file://trust.json   # the whole trust policy",
].join("\n");

function arrows(html: string): Record<string, string> {
  return Object.fromEntries(
    [...html.matchAll(/<g class="([^"]*)" data-link="([^"]+)" data-status="([^"]+)"/g)].map((m) => [
      m[2],
      `${m[3]} ${m[1]}`,
    ]),
  );
}

describe("HTML reporter", () => {
  test("draws the five links with their statuses and highlights the failed one", () => {
    expect(arrows(formatHtmlReport(failingReport()))).toEqual({
      "lambda-role": "pass link status-pass",
      "assume-role": "fail link status-fail highlight",
      "cluster-credentials": "blocked link status-blocked",
      "execute-statement": "error link status-error",
      "copy-from-s3": "skipped link status-skipped",
    });
  });

  test("shows a pass the target did not enforce as such, dashed", () => {
    const html = formatHtmlReport(laxPassingReport());
    expect(arrows(html)["assume-role"]).toBe("pass link status-pass lax");
    expect(html).toContain("pass · not enforced");
    expect(html).toContain("pass (not enforced by this target)");
    expect(html).toContain('<span class="assurance assurance-not-enforced">not-enforced</span>');
    expect(html).not.toContain(" highlight");
  });

  test("gives the JSON policy and the CLI command of the fix a copy button each, text intact", () => {
    const report = failingReport();
    report.links[1].diagnosis!.fix = TRUST_FIX;
    const html = formatHtmlReport(report);
    const blocks = [
      ...html.matchAll(
        /<span>([^<]+)<\/span><button type="button" class="copy" data-copy="([^"]+)">Copy<\/button><\/div><pre id="\2">([^<]*)<\/pre>/g,
      ),
    ];
    expect(blocks.map((b) => b[1])).toEqual(["JSON policy", "AWS CLI"]);
    expect(JSON.parse(blocks[0][3].replace(/&quot;/g, '"')).Statement[0].Action).toBe("sts:AssumeRole");
    expect(blocks[1][3]).toBe(
      "aws iam update-assume-role-policy --role-name R --policy-document file://trust.json   # the whole trust policy",
    );
  });

  test("escapes the report's text so it never becomes markup", () => {
    const html = formatHtmlReport(failingReport());
    expect(html).toContain("sts:AssumeRole on &lt;R&gt; &amp; more");
    expect(html).not.toContain("<R>");
  });

  test("loads nothing from anywhere: a policy that forbids every fetch, no src or external href", () => {
    const html = formatHtmlReport(failingReport());
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/]+={0,2}'">/,
    );
    expect(html).not.toMatch(/\ssrc=|href="(?!#)|@import|url\((?!#)/);
  });

  test("keeps secrets out when the CLI renders it", () => {
    const key = "canarySecretKey0123456789abcdefghijKLMNOP";
    const report = failingReport();
    report.links[1].error!.message = `denied "password": "hunter2-canary" key ${key}`;
    const html = renderReport(report, "html", { AWS_SECRET_ACCESS_KEY: key });
    expect(html).not.toContain(key);
    expect(html).not.toContain("hunter2-canary");
  });

  test("lays several environments out as a grid of cards, one that could not run among them", () => {
    const html = formatHtmlRuns(
      [
        { environment: "staging", exitCode: 1, report: failingReport() },
        { environment: "prod", exitCode: 0, report: laxPassingReport() },
        { environment: "dr", exitCode: 3, error: "endpoint http://127.0.0.1:1 did not answer" },
      ],
      3,
    );
    const cards = [
      ...html.matchAll(
        /<div class="card" data-environment="([^"]+)" data-verdict="([^"]+)" data-failed-link="([^"]*)"/g,
      ),
    ];
    expect(cards.map((c) => c.slice(1))).toEqual([
      ["staging", "fail", "assume-role"],
      ["prod", "pass", ""],
      ["dr", "error", ""],
    ]);
    expect(html).toContain("could not check: endpoint http://127.0.0.1:1 did not answer");
    expect(new Set([...html.matchAll(/<marker id="([^"]+)"/g)].map((m) => m[1])).size).toBe(10);
  });
});

describe("fix parts", () => {
  test("splits prose, a JSON document and indented commands by language", () => {
    expect(
      fixParts(
        `${TRUST_FIX}\nAs an admin:\n  CREATE USER app PASSWORD DISABLE;\n  GRANT USAGE ON SCHEMA public TO app;\n  CHAINCHECK_EXTERNAL_ID=x`,
      ).map((p) =>
        p.kind === "command" ? `${p.language}: ${p.text}` : `${p.kind}: ${p.text.split("\n")[0]}`,
      ),
    ).toEqual([
      "text: Let arn:aws:iam::111111111111:role/L assume arn:aws:iam::222222222222:role/R (in B):",
      "json: {",
      "aws-cli: aws iam update-assume-role-policy --role-name R --policy-document file://trust.json   # the whole trust policy",
      "text: As an admin:",
      "sql: CREATE USER app PASSWORD DISABLE;\nGRANT USAGE ON SCHEMA public TO app;",
      "code: CHAINCHECK_EXTERNAL_ID=x",
    ]);
  });

  test("keeps a brace that opens no JSON document as prose", () => {
    expect(fixParts("{ not json\nthen words")).toEqual([{ kind: "text", text: "{ not json\nthen words" }]);
  });

  test("leads an unsettled diagnosis with how many causes remain, not with one of them", () => {
    const html = formatHtmlReport(unsettledReport());
    expect(html).toContain(
      "<p>one of 2 causes, not settled: <code>trust-policy-external-id</code>, <code>trust-policy-missing-principal</code> · the fix is for the most likely, account <strong>A</strong></p>",
    );
    expect(html).not.toContain("<p>cause <code>trust-policy-external-id</code>");
  });
});
