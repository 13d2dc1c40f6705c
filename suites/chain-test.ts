/**
 * Fixtures of the chain suites: the target (opened once per worker, closed after the last suite)
 * and the chain's report (run once, read by every link's suite). The `chain` vitest project runs
 * these files in one worker without isolation, in chain order, so every suite shares one run — and
 * the report has exactly one root cause: links after the failed one are `blocked`, so their tests
 * are skipped, never failed. Each test attaches the report to its task (`task.meta`) for the JSON
 * reporter (helpers/report/vitest-json-reporter.ts), which writes it to CHAINCHECK_REPORT_FILE.
 */
import { expect, type TestContext, test } from "vitest";
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
    return runChain(target);
  });

/** Asserts one link of the report: pass → ok; blocked/skipped → the test is skipped with the reason;
 *  fail/error → the test fails with the link's checks and AWS's answer. */
export function expectLink(
  report: Report,
  id: LinkId,
  { skip, annotate, task }: Pick<TestContext, "skip" | "annotate" | "task">,
): Promise<void> {
  task.meta.chaincheckReport = report;
  const link = report.links.find((l) => l.id === id) as LinkReport;
  expect(link, `the report has link ${id}`).toBeDefined();
  if (link.status === "blocked") return skip(`blocked by ${link.blockedBy}`);
  if (link.status === "skipped") return skip(link.note ?? "not configured");
  const text = formatConsoleReport({ ...report, links: [link], notes: [] })
    .split("\n")
    .slice(1, -1)
    .join("\n");
  expect(link.status, text).toBe("pass");
  return annotate(text).then(() => undefined);
}
