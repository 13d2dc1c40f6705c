/**
 * Fixtures of the chain suites: the target (opened once per worker, closed after the last suite)
 * and the chain's report (run once, read by every link's suite). The `chain` vitest project runs
 * these files in one worker without isolation, in chain order, so every suite shares one run — and
 * the report has exactly one root cause: links after the failed one are `blocked`, so their tests
 * are skipped, never failed.
 */
import { writeFileSync } from "node:fs";
import { expect, test } from "vitest";
import { runChain } from "../helpers/chain/runner.ts";
import type { LinkId } from "../helpers/links.ts";
import { formatConsoleReport } from "../helpers/report/console-reporter.ts";
import type { LinkReport, Report } from "../helpers/report/types.ts";
import { type OpenTarget, openTarget } from "../helpers/targets/open-target.ts";

export const chainTest = test
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies by destructuring
  .extend("target", { scope: "worker" }, async ({}, { onCleanup }) => {
    const target: OpenTarget = await openTarget();
    onCleanup(() => target.close());
    return target;
  })
  .extend("report", { scope: "worker" }, async ({ target }): Promise<Report> => {
    const report = await runChain(target);
    const file = process.env.CHAINCHECK_REPORT_FILE;
    if (file) writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  });

/** Asserts one link of the report: pass → ok; blocked/skipped → the test is skipped with the reason;
 *  fail/error → the test fails with the link's checks and AWS's answer. */
export function expectLink(
  report: Report,
  id: LinkId,
  skip: (note?: string) => never,
  annotate: (message: string) => Promise<unknown>,
): Promise<void> {
  const link = report.links.find((l) => l.id === id) as LinkReport;
  expect(link, `the report has link ${id}`).toBeDefined();
  if (link.status === "blocked") skip(`blocked by ${link.blockedBy}`);
  if (link.status === "skipped") skip(link.note ?? "not configured");
  const text = formatConsoleReport({ ...report, links: [link], notes: [] })
    .split("\n")
    .slice(1, -1)
    .join("\n");
  expect(link.status, text).toBe("pass");
  return annotate(text).then(() => undefined);
}
