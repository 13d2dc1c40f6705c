/** Human-readable report: one line per link, its checks indented, the failing link's AWS error. */
import type { Report } from "./types.ts";

const MARK: Record<string, string> = { pass: "✔", fail: "✖", blocked: "■", skipped: "○", error: "!" };

export function formatConsoleReport(report: Report): string {
  const lines: string[] = [];
  lines.push(`chaincheck — target ${report.target}, origin ${report.origin}`);
  for (const link of report.links) {
    const suffix =
      link.status === "blocked" ? ` (blocked by ${link.blockedBy})` : link.note ? ` — ${link.note}` : "";
    const time = link.durationMs === undefined ? "" : ` ${link.durationMs} ms`;
    lines.push(`${MARK[link.status] ?? "?"} ${link.id.padEnd(20)} ${link.status}${time}${suffix}`);
    for (const check of link.checks ?? [])
      lines.push(`    ${MARK[check.status] ?? "?"} ${check.name}: ${check.detail}`);
    if (link.error) {
      lines.push(
        `    AWS said (${link.error.service} ${link.error.operation}, HTTP ${link.error.httpStatus ?? "?"}):`,
      );
      lines.push(`      ${link.error.code}: ${link.error.message}`);
    }
    if (link.diagnosis) {
      lines.push(
        `    cause ${link.diagnosis.cause} — side ${link.diagnosis.side ?? "?"} must change: ${link.diagnosis.summary}`,
      );
      lines.push(`    fix:\n${link.diagnosis.fix.replace(/^/gm, "      ")}`);
    }
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  const verdict =
    report.verdict === "pass"
      ? "every link passed"
      : report.verdict === "fail"
        ? `link ${report.failedLink} failed`
        : "some links could not be checked on this target";
  lines.push(`verdict: ${report.verdict} — ${verdict} (${report.durationMs} ms)`);
  return lines.join("\n");
}
