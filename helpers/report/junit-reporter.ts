/**
 * `--format junit`: one <testsuite> for the chain, one <testcase> per link in chain order (the shape
 * CI test-report viewers read). fail → <failure> with AWS's error and the diagnosis; blocked and
 * skipped → <skipped message="…">; error (the harness could not check) → <error>. Every link that ran
 * carries an `assurance` property; a pass its target did not enforce says so in <system-out> with
 * its negative control.
 *
 * `run --verify-fix` adds suite properties (`fixVerification`: verified or not, its change count and
 * message) and the suite's <system-out> lists each step's changes.
 *
 * Several environments (helpers/report/multi-report.ts): one <testsuite> per environment, named
 * after it, in one <testsuites>; an environment that could not run at all is a suite with one
 * <error> testcase "target".
 */
import { fixVerificationText } from "./fix-verification-text.ts";
import { linkDetail, linkHeadline } from "./link-text.ts";
import type { LinkReport, Report } from "./types.ts";
import { escapeXml } from "./xml-escape.ts";

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function property(name: string, value: string): string {
  return `<property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`;
}

function testcase(link: LinkReport, target: string): string[] {
  const open = `  <testcase name="${escapeXml(link.id)}" classname="chaincheck.${escapeXml(target)}" time="${seconds(link.durationMs)}">`;
  const properties = [
    ...(link.calls ?? [])
      .filter((c) => c.requestId)
      .map((c) => property(`${c.service}:${c.operation} requestId`, c.requestId as string)),
    ...(link.error?.requestId ? [property("error requestId", link.error.requestId)] : []),
    ...(link.assurance ? [property("assurance", link.assurance)] : []),
    ...(link.diagnosis?.settled === false && link.diagnosis.candidates
      ? [property("diagnosis candidates", link.diagnosis.candidates.join(", "))]
      : []),
  ];
  const body: string[] = [];
  if (properties.length > 0) body.push(`    <properties>${properties.join("")}</properties>`);
  const message = escapeXml(linkHeadline(link));
  const detail = escapeXml(linkDetail(link));
  if (link.status === "fail")
    body.push(
      `    <failure message="${message}" type="${escapeXml(link.error?.code ?? "fail")}">${detail}</failure>`,
    );
  else if (link.status === "error")
    body.push(
      `    <error message="${message}" type="${escapeXml(link.error?.code ?? "error")}">${detail}</error>`,
    );
  else if (link.status === "blocked" || link.status === "skipped")
    body.push(`    <skipped message="${message}"/>`);
  else {
    const out = [
      ...(link.assurance && link.assurance !== "enforced"
        ? [
            link.assurance === "not-enforced"
              ? "pass not enforced by this target: it allowed the link's negative control, so the pass shows the calls are wired, not that the policies are right"
              : "pass whose enforcement is unknown: the link's negative control was inconclusive",
            `control: ${link.control?.call ?? "none ran"}${link.control ? ` — ${link.control.outcome}: ${link.control.detail}` : ""}`,
          ]
        : []),
      ...(detail ? [linkDetail(link)] : []),
    ];
    if (out.length > 0) body.push(`    <system-out>${escapeXml(out.join("\n"))}</system-out>`);
  }
  return [open, ...body, "  </testcase>"];
}

export interface SuiteCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

/** One <testsuite> for a report; `environment` names it when a run checks several. */
export function junitSuite(report: Report, environment?: string): { lines: string[]; counts: SuiteCounts } {
  const count = (status: LinkReport["status"]) => report.links.filter((l) => l.status === status).length;
  const skipped = count("blocked") + count("skipped");
  const counts = {
    tests: report.links.length,
    failures: count("fail"),
    errors: count("error"),
    skipped,
    ms: report.durationMs,
  };
  const name = `chaincheck${environment ? ` ${environment}` : ""} (${report.target}, origin ${report.origin})`;
  const fix = report.fixVerification;
  const suiteProperties = [
    ...(environment ? [property("environment", environment)] : []),
    property("target", report.target),
    property("origin", report.origin),
    property("verdict", report.verdict),
    ...(report.assurance ? [property("assurance", report.assurance)] : []),
    ...(report.failedLink ? [property("failedLink", report.failedLink)] : []),
    ...report.notes.map((note, i) => property(`note ${i + 1}`, note)),
    ...(fix
      ? [
          property("fixVerification", fix.verified ? "verified" : "not verified"),
          property("fixVerification changes", String(fix.changeCount)),
          property("fixVerification message", fix.message),
        ]
      : []),
  ];
  const lines = [
    `<testsuite name="${escapeXml(name)}" ${countAttributes(counts)} timestamp="${escapeXml(report.startedAt)}">`,
    `  <properties>${suiteProperties.join("")}</properties>`,
    ...report.links.flatMap((link) => testcase(link, report.target)),
    ...(fix ? [`  <system-out>${escapeXml(fixVerificationText(fix).join("\n"))}</system-out>`] : []),
    "</testsuite>",
  ];
  return { lines, counts };
}

export function countAttributes(c: SuiteCounts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}"`;
}

/** The XML document around suites: <testsuites> carries their totals. */
export function junitDocument(suites: { lines: string[]; counts: SuiteCounts }[]): string {
  const total = suites.reduce(
    (t, s) => ({
      tests: t.tests + s.counts.tests,
      failures: t.failures + s.counts.failures,
      errors: t.errors + s.counts.errors,
      skipped: t.skipped + s.counts.skipped,
      ms: Math.max(t.ms, s.counts.ms),
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 },
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="chaincheck" ${countAttributes(total)}>`,
    ...suites.flatMap((s) => s.lines),
    "</testsuites>",
  ].join("\n");
}

export function formatJunitReport(report: Report): string {
  return junitDocument([junitSuite(report)]);
}
