import { describe, expect, test } from "vitest";
import { formatGithubAnnotations, formatStepSummary } from "../../../helpers/report/github-reporter.ts";
import { formatHtmlReport } from "../../../helpers/report/html-reporter.ts";
import { formatJunitReport } from "../../../helpers/report/junit-reporter.ts";
import type { FixVerification, Report } from "../../../helpers/report/types.ts";
import { failingReport } from "./sample-report.ts";

const VERIFIED: FixVerification = {
  verified: true,
  message: "fix verified: the chain is green after these 1 changes",
  changeCount: 1,
  steps: [
    {
      link: "assume-role",
      cause: "trust-policy-missing-principal",
      changes: [
        {
          where: "B",
          accountId: "222222222222",
          summary:
            "Trust arn:aws:iam::111111111111:role/chaincheck-lambda-role in chaincheck-redshift-role's trust policy <&>.",
        },
      ],
    },
  ],
};

const NOT_VERIFIED: FixVerification = {
  verified: false,
  message: "fix not verified: copy-from-s3 still fails (copy-s3-identity-denied)",
  changeCount: 0,
  steps: [],
  stillFailing: { link: "copy-from-s3", cause: "copy-s3-identity-denied" },
};

const withFix = (v: FixVerification): Report => ({ ...failingReport(), fixVerification: v });

describe("fixVerification in the JUnit, GitHub and HTML formats", () => {
  test("JUnit: suite properties say whether the fix was verified, and the suite's system-out lists each change", () => {
    const xml = formatJunitReport(withFix(VERIFIED));
    expect(xml).toContain('<property name="fixVerification" value="verified"/>');
    expect(xml).toContain('<property name="fixVerification changes" value="1"/>');
    expect(xml).toContain(
      '<property name="fixVerification message" value="fix verified: the chain is green after these 1 changes"/>',
    );
    expect(xml).toContain(
      "  <system-out>step 1: assume-role trust-policy-missing-principal\n  B (222222222222): Trust arn:aws:iam::111111111111:role/chaincheck-lambda-role in chaincheck-redshift-role&apos;s trust policy &lt;&amp;&gt;.\nverify-fix: fix verified: the chain is green after these 1 changes</system-out>\n</testsuite>",
    );
    expect(formatJunitReport(withFix(NOT_VERIFIED))).toContain(
      '<property name="fixVerification" value="not verified"/>',
    );
  });

  test("GitHub: a notice for a verified fix, a warning for one that is not, and a summary section", () => {
    const verified = formatGithubAnnotations(withFix(VERIFIED)).split("\n");
    expect(verified).toContain(
      "::notice title=chaincheck%3A fix verified::step 1: assume-role trust-policy-missing-principal%0A  B (222222222222): Trust arn:aws:iam::111111111111:role/chaincheck-lambda-role in chaincheck-redshift-role's trust policy <&>.%0Averify-fix: fix verified: the chain is green after these 1 changes",
    );
    expect(formatGithubAnnotations(withFix(NOT_VERIFIED))).toContain(
      "::warning title=chaincheck%3A fix not verified::verify-fix: fix not verified: copy-from-s3 still fails (copy-s3-identity-denied)",
    );
    const summary = formatStepSummary(withFix(VERIFIED));
    expect(summary).toContain(
      "**✅ Fix verified** (`--verify-fix`): fix verified: the chain is green after these 1 changes\n\n- step 1: assume-role trust-policy-missing-principal\n  - B (222222222222): Trust arn:aws:iam::111111111111:role/chaincheck-lambda-role",
    );
    expect(formatStepSummary(withFix(NOT_VERIFIED))).toContain("**❌ Fix not verified**");
  });

  test("HTML: a Fix verification section with each step's changes, escaped", () => {
    const html = formatHtmlReport(withFix(VERIFIED));
    expect(html).toContain('<section class="fix-verification" data-verified="true">');
    expect(html).toContain(
      "<li><code>assume-role</code> <strong>trust-policy-missing-principal</strong><ul><li>B (222222222222): Trust arn:aws:iam::111111111111:role/chaincheck-lambda-role in chaincheck-redshift-role&apos;s trust policy &lt;&amp;&gt;.</li></ul></li>",
    );
    expect(formatHtmlReport(withFix(NOT_VERIFIED))).toContain(
      '<span class="verdict verdict-fail">not verified</span> fix not verified: copy-from-s3 still fails (copy-s3-identity-denied)',
    );
  });

  test("a report without fixVerification renders exactly as before in every format", () => {
    const plain = failingReport();
    const texts = [
      formatJunitReport(plain),
      formatGithubAnnotations(plain),
      formatStepSummary(plain),
      formatHtmlReport(plain),
    ];
    for (const text of texts) expect(text).not.toMatch(/fix.?verif|verify-fix/i);
  });
});
