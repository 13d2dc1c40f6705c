/**
 * `--format console`: the chain as a row of links, then one line per link (mark, id, status, time),
 * its checks indented, and under the failed link AWS's error (code, HTTP status, request id,
 * message), the diagnosis and the fix. Marks: ✔ pass · ✘ fail · ⏸ blocked · – skipped · ⚠ error
 * (the harness could not check). Colours only when asked for (helpers/report/terminal-style.ts
 * decides: a terminal, no NO_COLOR); the text is the same without them.
 *
 * A pass the target did not enforce (its negative control was allowed) reads `✔ pass (not enforced
 * by this target)`, one whose control was inconclusive `✔ pass (enforcement unknown)`, with the
 * control on the next line; any such pass makes the verdict line say "wired, not verified".
 *
 * The first line (target, origin) and the last (verdict) frame the rest: the chain suites show the
 * lines in between for one link (suites/chain-test.ts).
 */

import { type LinkStatus, linkById } from "../links.ts";
import { renderChanges } from "../twin/diff-setups.ts";
import { PLAIN, type Style } from "./terminal-style.ts";
import type { LinkReport, Report } from "./types.ts";

/** "pass (not enforced by this target)" for a pass its target did not enforce; else the status. */
export function statusText(link: LinkReport): string {
  if (link.status !== "pass") return link.status;
  if (link.assurance === "not-enforced") return "pass (not enforced by this target)";
  if (link.assurance === "unknown") return "pass (enforcement unknown)";
  return "pass";
}

/** The verdict's words, shared by the console and GitHub reporters. */
export function verdictText(report: Report): string {
  if (report.verdict === "fail") return `link ${report.failedLink} failed`;
  if (report.verdict === "error") return "some links could not be checked on this target";
  const lax = report.links.filter((l) => l.status === "pass" && l.assurance === "not-enforced");
  if (lax.length > 0)
    return `wired, not verified: ${lax.map((l) => l.id).join(", ")} passed on a target that did not enforce them`;
  if (report.links.some((l) => l.status === "pass" && l.assurance === "unknown"))
    return "every link passed; whether the target enforced every check is unknown";
  return "every link passed";
}

export const MARKS: Record<LinkStatus, string> = {
  pass: "✔",
  fail: "✘",
  blocked: "⏸",
  skipped: "–",
  error: "⚠",
};

export interface ConsoleOptions {
  style?: Style;
}

function paint(status: LinkStatus, text: string, style: Style): string {
  if (status === "pass") return style.green(text);
  if (status === "fail") return style.red(text);
  if (status === "skipped") return style.dim(text);
  return style.yellow(text);
}

function time(ms: number | undefined): string {
  return ms === undefined ? "" : `${ms} ms`;
}

/** "lambda-role ✔ → assume-role ✘ → cluster-credentials ⏸ → …" */
export function chainRow(report: Report, style: Style = PLAIN): string {
  return report.links.map((l) => `${l.id} ${paint(l.status, MARKS[l.status], style)}`).join(" → ");
}

/** Indents every line of `text` after the first by `pad`. */
function hang(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

function linkLines(link: LinkReport, style: Style): string[] {
  const why =
    link.status === "blocked"
      ? `blocked by ${link.blockedBy}`
      : link.status !== "pass"
        ? (link.note ?? "")
        : "";
  const head = `${paint(link.status, MARKS[link.status], style)} ${link.id.padEnd(20)} ${paint(link.status, statusText(link).padEnd(8), style)} ${time(link.durationMs).padStart(8)}`;
  const lines = [`${head}${why ? `  ${why}` : ""}`.trimEnd()];
  if (link.status === "pass" && link.note) lines.push(`    note: ${link.note}`);
  if (link.status === "pass" && link.control && link.assurance !== "enforced")
    lines.push(
      style.yellow(`    control: ${link.control.call} — ${link.control.outcome}: ${link.control.detail}`),
    );
  for (const check of link.checks ?? [])
    lines.push(
      `    ${paint(check.status, MARKS[check.status], style)} ${check.name}: ${hang(check.detail, "      ")}`,
    );
  for (const call of link.calls ?? [])
    if (call.retries)
      lines.push(
        style.dim(
          `    retried ${call.service} ${call.operation} ×${call.retries} (transient fault: throttling, 5xx or dropped connection)`,
        ),
      );
  const e = link.error;
  if (e) {
    const meta = [`HTTP ${e.httpStatus ?? "?"}`, `request id ${e.requestId ?? "?"}`].join(" · ");
    lines.push(`    AWS error  ${style.bold(`${e.service} ${e.operation} → ${e.code}`)}`);
    lines.push(`               ${meta}`);
    lines.push(`               ${hang(e.message, "               ")}`);
  }
  const d = link.diagnosis;
  if (d) {
    lines.push(
      d.settled === false && d.candidates
        ? `    diagnosis  ${style.bold(`one of ${d.candidates.length} causes`)} (not settled): ${d.candidates.join(", ")} — the fix is for the most likely, side ${d.side}`
        : `    diagnosis  ${style.bold(d.cause)} — side ${d.side} must change`,
    );
    lines.push(`               ${hang(d.summary, "               ")}`);
    lines.push(`    fix:\n${d.fix.replace(/^/gm, "      ")}`);
  }
  if (link.status === "fail" && !d) lines.push(`    proves: ${linkById(link.id).proves}`);
  return lines;
}

/** `--verify-fix`: each step's changes, then whether the chain went green. */
function fixVerificationLines(report: Report, style: Style): string[] {
  const v = report.fixVerification;
  if (!v) return [];
  const lines: string[] = [];
  v.steps.forEach((step, i) => {
    lines.push(`verify-fix step ${i + 1}: ${step.link} ${style.bold(step.cause)}`);
    for (const c of step.changes)
      lines.push(`  ${c.where}${c.accountId ? ` (${c.accountId})` : ""}: ${c.summary}`);
  });
  lines.push(v.verified ? style.green(`verify-fix: ${v.message}`) : style.red(`verify-fix: ${v.message}`));
  return lines;
}

export function formatConsoleReport(report: Report, options: ConsoleOptions = {}): string {
  const style = options.style ?? PLAIN;
  const lines = [`chaincheck — target ${report.target}, origin ${report.origin}`, chainRow(report, style)];
  for (const link of report.links) lines.push(...linkLines(link, style));
  for (const w of report.warnings ?? []) lines.push(style.yellow(`${w.severity}: ${w.check} — ${w.message}`));
  for (const note of report.notes) lines.push(style.dim(`note: ${note}`));
  lines.push(...fixVerificationLines(report, style));
  const since = report.changedSinceBaseline;
  if (since)
    lines.push(
      since.changes.length
        ? `changed since the last green run (${since.baseline}), on ${report.failedLink}'s path:`
        : `nothing on ${report.failedLink}'s path changed since the last green run (${since.baseline})`,
      ...renderChanges(since.changes, "  "),
    );
  const verdict = `verdict: ${report.verdict} — ${verdictText(report)} (${report.durationMs} ms)`;
  lines.push(
    report.verdict === "pass"
      ? style.green(verdict)
      : report.verdict === "fail"
        ? style.red(verdict)
        : style.yellow(verdict),
  );
  return lines.join("\n");
}
