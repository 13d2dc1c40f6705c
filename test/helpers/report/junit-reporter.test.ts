import { describe, expect, test } from "vitest";
import { formatJunitReport } from "../../../helpers/report/junit-reporter.ts";
import { failingReport, laxPassingReport, unsettledReport } from "./sample-report.ts";

describe("JUnit reporter", () => {
  test("carries each link's assurance as a property and explains a pass not enforced in system-out", () => {
    const xml = formatJunitReport(laxPassingReport());
    expect(xml).toContain('<property name="assurance" value="not-enforced"/>');
    expect(xml).toContain(
      "<system-out>pass not enforced by this target: it allowed the link&apos;s negative control, so the pass shows the calls are wired, not that the policies are right\ncontrol: sts AssumeRole into R from B&apos;s own session — allowed: credentials were returned\n[pass] AssumeRole: assumed R</system-out>",
    );
    expect(xml.match(/name="assurance"/g)?.length).toBe(5);
  });

  test("writes one testcase per link with failure, skipped and error elements", () => {
    expect(formatJunitReport(failingReport())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="chaincheck" tests="5" failures="1" errors="1" skipped="2" time="0.812">',
        '<testsuite name="chaincheck (embedded, origin lambda-probe)" tests="5" failures="1" errors="1" skipped="2" time="0.812" timestamp="2026-01-02T03:04:05.000Z">',
        '  <properties><property name="target" value="embedded"/><property name="origin" value="lambda-probe"/><property name="verdict" value="fail"/><property name="failedLink" value="assume-role"/><property name="note 1" value="IAM enforced, 100%"/></properties>',
        '  <testcase name="lambda-role" classname="chaincheck.embedded" time="0.040">',
        '    <properties><property name="lambda:GetFunctionConfiguration requestId" value="req-1"/></properties>',
        "    <system-out>[pass] function role: runs as role L</system-out>",
        "  </testcase>",
        '  <testcase name="assume-role" classname="chaincheck.embedded" time="0.012">',
        '    <properties><property name="sts:AssumeRole requestId" value="req-2"/><property name="error requestId" value="req-2"/></properties>',
        '    <failure message="AccessDenied: User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on &lt;R&gt; &amp; more" type="AccessDenied">sts AssumeRole → AccessDenied (HTTP 403, request req-2): User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on &lt;R&gt; &amp; more',
        "cause trust-policy-missing-principal (side B must change): R&apos;s trust policy does not name L",
        "fix:",
        "{ &quot;Principal&quot;: { &quot;AWS&quot;: &quot;arn:aws:iam::111111111111:role/L&quot; } }",
        "[fail] AssumeRole: AccessDenied: User: L is not authorized</failure>",
        "  </testcase>",
        '  <testcase name="cluster-credentials" classname="chaincheck.embedded" time="0.000">',
        '    <skipped message="blocked by assume-role"/>',
        "  </testcase>",
        '  <testcase name="execute-statement" classname="chaincheck.embedded" time="0.000">',
        '    <error message="target gap: redshift-data ExecuteStatement" type="error">note: target gap: redshift-data ExecuteStatement</error>',
        "  </testcase>",
        '  <testcase name="copy-from-s3" classname="chaincheck.embedded" time="0.000">',
        '    <skipped message="no COPY source configured (CHAINCHECK_COPY_SOURCE)"/>',
        "  </testcase>",
        "</testsuite>",
        "</testsuites>",
      ].join("\n"),
    );
  });

  test("leads an unsettled diagnosis's failure with how many causes remain and lists them as a property", () => {
    const xml = formatJunitReport(unsettledReport());
    expect(xml).toContain(
      '<property name="diagnosis candidates" value="trust-policy-external-id, trust-policy-missing-principal"/>',
    );
    expect(xml).toContain(
      "one of 2 causes (not settled): trust-policy-external-id, trust-policy-missing-principal; the fix is for the most likely, trust-policy-external-id (side A): One of 2 causes",
    );
  });

  test("drops control characters XML cannot carry", () => {
    const report = failingReport();
    report.links[1].error!.message = "bad\u0001byte";
    expect(formatJunitReport(report)).toContain('message="AccessDenied: badbyte"');
  });
});
