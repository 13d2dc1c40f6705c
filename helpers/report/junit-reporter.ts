/**
 * `--format junit`: one <testsuite> for the chain, one <testcase> per link in chain order (the shape
 * CI test-report viewers read). fail → <failure> with AWS's error and the diagnosis; blocked and
 * skipped → <skipped message="…">; error (the harness could not check) → <error>.
 *
 * Known gaps: one environment per report, so always one <testsuite>.
 */
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
  else if (detail) body.push(`    <system-out>${detail}</system-out>`);
  return [open, ...body, "  </testcase>"];
}

export function formatJunitReport(report: Report): string {
  const count = (status: LinkReport["status"]) => report.links.filter((l) => l.status === status).length;
  const skipped = count("blocked") + count("skipped");
  const suiteProperties = [
    property("target", report.target),
    property("origin", report.origin),
    property("verdict", report.verdict),
    ...(report.failedLink ? [property("failedLink", report.failedLink)] : []),
    ...report.notes.map((note, i) => property(`note ${i + 1}`, note)),
  ];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="chaincheck" tests="${report.links.length}" failures="${count("fail")}" errors="${count("error")}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `<testsuite name="chaincheck (${escapeXml(report.target)}, origin ${escapeXml(report.origin)})" tests="${report.links.length}" failures="${count("fail")}" errors="${count("error")}" skipped="${skipped}" time="${seconds(report.durationMs)}" timestamp="${escapeXml(report.startedAt)}">`,
    `  <properties>${suiteProperties.join("")}</properties>`,
    ...report.links.flatMap((link) => testcase(link, report.target)),
    "</testsuite>",
    "</testsuites>",
  ].join("\n");
}
