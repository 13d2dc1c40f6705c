import { describe, expect, test } from "vitest";
import { formatGithubAnnotations, formatStepSummary } from "../../../helpers/report/github-reporter.ts";
import { failingReport, laxPassingReport } from "./sample-report.ts";

describe("GitHub reporter", () => {
  test("warns once per pass the target did not enforce and ends with wired, not verified", () => {
    const lines = formatGithubAnnotations(laxPassingReport()).split("\n");
    expect(lines.filter((l) => l.startsWith("::warning"))).toEqual([
      "::warning title=chaincheck%3A link assume-role passed%2C not enforced by this target::the target allowed the link's negative control, so this pass shows the calls are wired, not that the policies are right%0Acontrol: sts AssumeRole into R from B's own session — credentials were returned",
    ]);
    expect(lines.at(-1)).toBe(
      "chaincheck: pass — wired, not verified: assume-role passed on a target that did not enforce them (target endpoint, origin local)",
    );
    expect(formatStepSummary(laxPassingReport())).toContain("### chaincheck: pass — wired, not verified");
  });

  test("writes an error for the failed link, a warning for an unchecked one and notices for notes", () => {
    expect(formatGithubAnnotations(failingReport()).split("\n")).toEqual([
      '::error title=chaincheck%3A link assume-role failed::AccessDenied: User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on <R> & more%0Asts AssumeRole → AccessDenied (HTTP 403, request req-2): User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on <R> & more%0Acause trust-policy-missing-principal (side B must change): R\'s trust policy does not name L%0Afix:%0A{ "Principal": { "AWS": "arn:aws:iam::111111111111:role/L" } }%0A[fail] AssumeRole: AccessDenied: User: L is not authorized',
      "::warning title=chaincheck%3A link execute-statement could not be checked::target gap: redshift-data ExecuteStatement%0Anote: target gap: redshift-data ExecuteStatement",
      "::notice title=chaincheck::IAM enforced, 100%25",
      "chaincheck: fail — link assume-role failed (target embedded, origin lambda-probe)",
    ]);
  });

  test("summarises the chain as a Markdown table with the fix", () => {
    expect(formatStepSummary(failingReport())).toBe(
      [
        "### chaincheck: fail — `assume-role` failed",
        "",
        "target `embedded`, origin `lambda-probe`, 812 ms",
        "",
        "| | link | status | time | detail |",
        "|---|---|---|---|---|",
        "| ✅ | `lambda-role` | pass | 40 ms |  |",
        "| ❌ | `assume-role` | fail | 12 ms | AccessDenied: User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on <R> & more |",
        "| ⏸️ | `cluster-credentials` | blocked |  | blocked by assume-role |",
        "| ⚠️ | `execute-statement` | error |  | target gap: redshift-data ExecuteStatement |",
        "| ➖ | `copy-from-s3` | skipped |  | no COPY source configured (CHAINCHECK_COPY_SOURCE) |",
        "",
        "**Fix (side B):** R's trust policy does not name L",
        "",
        "```",
        '{ "Principal": { "AWS": "arn:aws:iam::111111111111:role/L" } }',
        "```",
        "",
        "- IAM enforced, 100%",
        "",
      ].join("\n"),
    );
  });
});
