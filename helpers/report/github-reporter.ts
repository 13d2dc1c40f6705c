/**
 * `--format github`: GitHub Actions workflow commands — `::error` for the failed link, `::warning`
 * for links the harness could not check and for each pass the target did not enforce, `::notice`
 * for the report's notes, `::notice` (or `::warning` when it is not) for a fix `--verify-fix` verified — and a Markdown table
 * for the job's step summary (written to `$GITHUB_STEP_SUMMARY` by the CLI when it is set).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 *
 * Known gaps: annotations carry no file/line (a chain has no source position to point at).
 */
import { statusText, verdictText } from "./console-reporter.ts";
import { changeText, fixVerificationText, stepTitle } from "./fix-verification-text.ts";
import { linkDetail, linkHeadline } from "./link-text.ts";
import type { Report } from "./types.ts";

const MARK: Record<string, string> = { pass: "✅", fail: "❌", blocked: "⏸️", skipped: "➖", error: "⚠️" };

/** Workflow-command escaping: the message may span lines; properties may not hold `:` or `,`. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(kind: "error" | "warning" | "notice", title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** `environment` (several environments in one run) goes into every title and the last line. */
export function formatGithubAnnotations(report: Report, environment?: string): string {
  const lines: string[] = [];
  const who = environment ? `chaincheck [${environment}]` : "chaincheck";
  for (const link of report.links) {
    const text = [linkHeadline(link), linkDetail(link)].filter(Boolean).join("\n");
    if (link.status === "fail") lines.push(command("error", `${who}: link ${link.id} failed`, text));
    if (link.status === "error")
      lines.push(command("warning", `${who}: link ${link.id} could not be checked`, text));
    if (link.status === "pass" && link.assurance === "not-enforced")
      lines.push(
        command(
          "warning",
          `${who}: link ${link.id} passed, not enforced by this target`,
          `the target allowed the link's negative control, so this pass shows the calls are wired, not that the policies are right\ncontrol: ${link.control?.call ?? "?"} — ${link.control?.detail ?? ""}`,
        ),
      );
  }
  for (const note of report.notes) lines.push(command("notice", who, note));
  const fix = report.fixVerification;
  if (fix)
    lines.push(
      command(
        fix.verified ? "notice" : "warning",
        `${who}: ${fix.verified ? "fix verified" : "fix not verified"}`,
        fixVerificationText(fix).join("\n"),
      ),
    );
  const verdict = verdictText(report);
  lines.push(`${who}: ${report.verdict} — ${verdict} (target ${report.target}, origin ${report.origin})`);
  return lines.join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** `--verify-fix`: the steps and their changes, then whether the chain went green. */
function verification(report: Report): string[] {
  const v = report.fixVerification;
  if (!v) return [];
  return [
    "",
    `**${v.verified ? "✅ Fix verified" : "❌ Fix not verified"}** (\`--verify-fix\`): ${cell(v.message)}`,
    "",
    ...v.steps.flatMap((step, i) => [
      `- ${cell(stepTitle(step, i))}`,
      ...step.changes.map((c) => `  - ${cell(changeText(c))}`),
    ]),
  ];
}

export function formatStepSummary(report: Report): string {
  const rows = report.links.map((link) => {
    const detail = link.status === "pass" ? "" : linkHeadline(link);
    const time = link.durationMs === undefined ? "" : `${link.durationMs} ms`;
    return `| ${MARK[link.status] ?? ""} | \`${link.id}\` | ${statusText(link)} | ${time} | ${cell(detail)} |`;
  });
  const failed = report.links.find((l) => l.status === "fail");
  const fix = failed?.diagnosis
    ? [
        "",
        `**${failed.diagnosis.settled === false && failed.diagnosis.candidates ? `One of ${failed.diagnosis.candidates.length} causes; fix for the most likely` : "Fix"} (side ${failed.diagnosis.side}):** ${cell(failed.diagnosis.summary)}`,
        "",
        "```",
        failed.diagnosis.fix,
        "```",
      ]
    : [];
  return [
    `### chaincheck: ${report.verdict}${report.failedLink ? ` — \`${report.failedLink}\` failed` : ""}${report.verdict === "pass" && report.assurance === "not-enforced" ? " — wired, not verified" : ""}`,
    "",
    `target \`${report.target}\`, origin \`${report.origin}\`, ${report.durationMs} ms`,
    "",
    "| | link | status | time | detail |",
    "|---|---|---|---|---|",
    ...rows,
    ...fix,
    ...verification(report),
    ...(report.notes.length > 0 ? ["", ...report.notes.map((n) => `- ${cell(n)}`)] : []),
    "",
  ].join("\n");
}
