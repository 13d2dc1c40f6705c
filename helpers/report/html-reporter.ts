/**
 * `--format html`: one self-contained HTML file (inline CSS, inline SVG, one inline script; a
 * Content-Security-Policy that loads nothing, helpers/report/html-page.ts). It shows the verdict,
 * the chain drawn as two accounts and five arrows in their status colours
 * (helpers/report/html-chain-diagram.ts) with the failed link highlighted, a table of the links
 * (status, assurance — a pass the target did not enforce says so — time as a bar, the reason a link
 * did not pass), the failed link's AWS error, its diagnosis and its fix with a copy button on every
 * JSON document and command (helpers/report/fix-parts.ts), links that could not be checked, the
 * negative controls, warnings, notes, each call's timing, and `--verify-fix`'s steps and outcome
 * when the run verified a fix. Several environments are a grid of
 * cards (verdict and diagram each), then one section per environment.
 *
 * Secrets: like every format, the CLI renders it through renderReport / renderRuns, which redact
 * the report before formatting and the text after (helpers/report/redact-secrets.ts); everything
 * here is escaped, so a report's text can never become markup.
 *
 * Known gaps: no dark theme; the page is static (no filtering or sorting).
 */
import { LINK_IDS, linkById } from "../links.ts";
import { statusText, verdictText } from "./console-reporter.ts";
import { fixParts } from "./fix-parts.ts";
import { changeText } from "./fix-verification-text.ts";
import { chainDiagram, highlightedLink } from "./html-chain-diagram.ts";
import { htmlPage } from "./html-page.ts";
import { awsErrorLine, linkHeadline } from "./link-text.ts";
import type { EnvironmentRun } from "./multi-report.ts";
import type { LinkReport, Report } from "./types.ts";
import { escapeXml as esc } from "./xml-escape.ts";

const PART_LABELS = { json: "JSON policy", "aws-cli": "AWS CLI", sql: "SQL", code: "code" } as const;

/** Ids unique within one page (one page may hold several reports). */
function idMaker(prefix: string) {
  let n = 0;
  return () => `${prefix}-code-${++n}`;
}

function codeBlock(label: string, text: string, id: string): string {
  return [
    '<div class="code">',
    `<div class="code-head"><span>${esc(label)}</span><button type="button" class="copy" data-copy="${id}">Copy</button></div>`,
    `<pre id="${id}">${esc(text)}</pre>`,
    "</div>",
  ].join("");
}

function fixHtml(fix: string, nextId: () => string): string {
  return fixParts(fix)
    .map((part) => {
      if (part.kind === "text") return `<p>${esc(part.text)}</p>`;
      const label = part.kind === "json" ? PART_LABELS.json : PART_LABELS[part.language];
      return codeBlock(label, part.text, nextId());
    })
    .join("\n");
}

function ms(value: number | undefined): string {
  if (value === undefined) return "";
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value} ms`;
}

function assuranceCell(link: LinkReport): string {
  if (!link.assurance) return "";
  return `<span class="assurance assurance-${link.assurance}">${esc(link.assurance)}</span>`;
}

function linksTable(report: Report): string {
  const longest = Math.max(1, ...report.links.map((l) => l.durationMs ?? 0));
  const highlight = highlightedLink(report);
  const rows = LINK_IDS.map((id, i) => {
    const link = report.links.find((l) => l.id === id);
    if (!link) return "";
    const width =
      link.durationMs === undefined ? 0 : Math.max(1, Math.round((link.durationMs / longest) * 100));
    const reason =
      link.status === "pass"
        ? link.control
          ? `control: ${link.control.call} — ${link.control.outcome}`
          : ""
        : linkHeadline(link);
    return [
      `<tr class="link-row${id === highlight ? " highlight" : ""}" data-link="${id}" data-status="${link.status}">`,
      `<td>${i + 1}</td>`,
      `<td><code>${id}</code><br>${esc(linkById(id).title)}</td>`,
      `<td><span class="badge badge-${link.status}">${esc(statusText(link))}</span></td>`,
      `<td>${assuranceCell(link)}</td>`,
      `<td class="time">${ms(link.durationMs)}${width ? `<div class="bar" style="width:${width}%"></div>` : ""}</td>`,
      `<td>${esc(reason)}</td>`,
      "</tr>",
    ].join("");
  });
  return [
    '<table class="links">',
    "<thead><tr><th>#</th><th>link</th><th>status</th><th>assurance</th><th>time</th><th>why</th></tr></thead>",
    `<tbody>${rows.join("\n")}</tbody>`,
    "</table>",
  ].join("\n");
}

function linkSection(link: LinkReport, nextId: () => string): string {
  const failed = link.status === "fail";
  const index = LINK_IDS.indexOf(link.id) + 1;
  const heading = failed
    ? `Link ${index} <code>${link.id}</code> failed`
    : `Link ${index} <code>${link.id}</code> could not be checked`;
  const error = awsErrorLine(link);
  const d = link.diagnosis;
  const checks = link.error ? [] : (link.checks ?? []).filter((c) => c.status !== "pass");
  return [
    `<section class="${failed ? "failure" : "could-not-check"}" data-link="${link.id}">`,
    `<h2>${heading}</h2>`,
    error ? `<h3>AWS's error</h3><pre class="aws-error">${esc(error)}</pre>` : "",
    ...checks.map((c) => `<p><strong>${esc(c.name)}</strong>: ${esc(c.detail)}</p>`),
    link.note ? `<p>${esc(link.note)}</p>` : "",
    d
      ? [
          "<h3>Diagnosis</h3>",
          d.settled === false && d.candidates
            ? `<p>one of ${d.candidates.length} causes, not settled: ${d.candidates.map((c) => `<code>${esc(c)}</code>`).join(", ")} · the fix is for the most likely, account <strong>${esc(d.side)}</strong></p>`
            : `<p>cause <code>${esc(d.cause)}</code> · account <strong>${esc(d.side)}</strong> must change</p>`,
          `<p class="summary">${esc(d.summary)}</p>`,
          "<h3>Fix</h3>",
          `<div class="fix">${fixHtml(d.fix, nextId)}</div>`,
        ].join("\n")
      : "",
    "</section>",
  ].join("\n");
}

function extras(report: Report): string {
  const warnings = report.warnings ?? [];
  const controls = report.links.filter((l) => l.control);
  const timed = report.links.filter((l) => (l.calls ?? []).length > 0);
  return [
    warnings.length
      ? `<section class="warnings"><h2>Warnings</h2><ul>${warnings
          .map(
            (w) =>
              `<li><strong>${esc(w.severity)}</strong> <code>${esc(w.check)}</code>: ${esc(w.message)}<br>fix: ${esc(w.fix)}</li>`,
          )
          .join("")}</ul></section>`
      : "",
    controls.length
      ? `<section class="controls"><h2>Negative controls</h2><ul>${controls
          .map(
            (l) =>
              `<li><code>${l.id}</code> → ${esc(l.control?.outcome ?? "")}: ${esc(l.control?.call ?? "")} — ${esc(l.control?.detail ?? "")}</li>`,
          )
          .join("")}</ul></section>`
      : "",
    report.notes.length
      ? `<section class="notes"><h2>Notes</h2><ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul></section>`
      : "",
    timed.length
      ? `<details class="timings"><summary>Timings of every call</summary><table><thead><tr><th>link</th><th>call</th><th>HTTP</th><th>time</th><th>retries</th></tr></thead><tbody>${timed
          .flatMap((l) =>
            (l.calls ?? []).map(
              (c) =>
                `<tr><td><code>${l.id}</code></td><td>${esc(`${c.service} ${c.operation}`)}</td><td>${c.httpStatus ?? ""}</td><td class="time">${ms(c.durationMs)}</td><td>${c.retries ?? ""}</td></tr>`,
            ),
          )
          .join("")}</tbody></table></details>`
      : "",
  ].join("\n");
}

/** `--verify-fix`: each step's link, cause and changes, then whether the chain went green. */
function verificationSection(report: Report): string {
  const v = report.fixVerification;
  if (!v) return "";
  const steps = v.steps
    .map(
      (step) =>
        `<li><code>${esc(step.link)}</code> <strong>${esc(step.cause)}</strong><ul>${step.changes
          .map((c) => `<li>${esc(changeText(c))}</li>`)
          .join("")}</ul></li>`,
    )
    .join("");
  return [
    `<section class="fix-verification" data-verified="${v.verified}">`,
    "<h2>Fix verification</h2>",
    `<p><span class="verdict verdict-${v.verified ? "pass" : "fail"}">${v.verified ? "verified" : "not verified"}</span> ${esc(v.message)}</p>`,
    steps ? `<ol>${steps}</ol>` : "",
    "</section>",
  ].join("\n");
}

function headline(report: Report): string {
  return `<span class="verdict verdict-${report.verdict}">${esc(report.verdict)}</span> ${esc(verdictText(report))}`;
}

function meta(report: Report): string {
  return `target <code>${esc(report.target)}</code> · origin <code>${esc(report.origin)}</code> · started ${esc(report.startedAt)} · ${ms(report.durationMs)}${report.assurance ? ` · assurance ${esc(report.assurance)}` : ""}`;
}

/** One report's body; `prefix` keeps ids unique on a page of several. */
function reportBody(report: Report, prefix: string, withDiagram: boolean): string {
  const nextId = idMaker(prefix);
  const sections = report.links.filter((l) => l.status === "fail" || l.status === "error");
  return [
    `<p class="meta">${meta(report)}</p>`,
    withDiagram ? chainDiagram(report, prefix) : "",
    linksTable(report),
    ...sections.map((l) => linkSection(l, nextId)),
    verificationSection(report),
    extras(report),
  ].join("\n");
}

export function formatHtmlReport(report: Report): string {
  const body = [
    `<main class="report" data-verdict="${report.verdict}" data-failed-link="${report.failedLink ?? ""}">`,
    `<h1>chaincheck ${headline(report)}</h1>`,
    reportBody(report, "r", true),
    "</main>",
  ].join("\n");
  return htmlPage(`chaincheck: ${report.verdict}${report.failedLink ? ` — ${report.failedLink}` : ""}`, body);
}

/** Several environments: a grid of cards (verdict and diagram), then each environment's details. */
export function formatHtmlRuns(runs: EnvironmentRun[], exitCode: number): string {
  const cards = runs.map((run, i) => {
    const anchor = `env-${i + 1}`;
    const body = run.report
      ? `<p>${headline(run.report)}</p>${chainDiagram(run.report, `${anchor}-grid`)}`
      : `<p><span class="verdict verdict-error">error</span> could not check: ${esc(run.error ?? "")}</p>`;
    return `<div class="card" data-environment="${esc(run.environment)}" data-verdict="${run.report?.verdict ?? "error"}" data-failed-link="${run.report?.failedLink ?? ""}"><h2><a href="#${anchor}">${esc(run.environment)}</a></h2><p class="meta">exit ${run.exitCode}</p>${body}</div>`;
  });
  const details = runs.map((run, i) =>
    run.report
      ? `<section class="environment" id="env-${i + 1}"><h2>environment ${esc(run.environment)}: ${headline(run.report)}</h2>${reportBody(run.report, `env-${i + 1}`, false)}</section>`
      : `<section class="environment" id="env-${i + 1}"><h2>environment ${esc(run.environment)}</h2><p>could not check: ${esc(run.error ?? "")}</p></section>`,
  );
  const body = [
    `<main class="runs" data-exit-code="${exitCode}">`,
    `<h1>chaincheck: ${runs.length} environments · exit ${exitCode}</h1>`,
    `<div class="grid">${cards.join("\n")}</div>`,
    ...details,
    "</main>",
  ].join("\n");
  return htmlPage(`chaincheck: ${runs.length} environments, exit ${exitCode}`, body);
}
