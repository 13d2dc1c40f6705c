/** The report formats of `chaincheck run --format`, by name (config/harness-config.ts lists them). */
import type { FormatName } from "../../config/harness-config.ts";
import { formatConsoleReport } from "./console-reporter.ts";
import { formatGithubAnnotations } from "./github-reporter.ts";
import { formatHtmlReport } from "./html-reporter.ts";
import { formatJunitReport } from "./junit-reporter.ts";
import { redactReport, redactSecrets } from "./redact-secrets.ts";
import { COLOR, PLAIN } from "./terminal-style.ts";
import type { Report } from "./types.ts";

export const REPORTERS: Record<FormatName, (report: Report) => string> = {
  console: (report) => formatConsoleReport(report),
  json: (report) => JSON.stringify(report, null, 2),
  junit: formatJunitReport,
  github: formatGithubAnnotations,
  html: formatHtmlReport,
};

export interface RenderOptions {
  /** Console format only: ANSI colours (the CLI decides: a terminal and no NO_COLOR). */
  color?: boolean;
}

export function formatReport(report: Report, format: FormatName, options: RenderOptions = {}): string {
  if (format === "console") return formatConsoleReport(report, { style: options.color ? COLOR : PLAIN });
  return REPORTERS[format](report);
}

/** What the CLI prints: the report redacted before formatting (a reporter's escaping would hide a
 *  secret from the text pass) and the text redacted again. */
export function renderReport(
  report: Report,
  format: FormatName,
  env: Record<string, string | undefined> = process.env,
  options: RenderOptions = {},
): string {
  return redactSecrets(formatReport(redactReport(report, env), format, options), env);
}
