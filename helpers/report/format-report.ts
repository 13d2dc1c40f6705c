/** The report formats of `chaincheck run --format`, by name (config/harness-config.ts lists them). */
import type { FormatName } from "../../config/harness-config.ts";
import { formatConsoleReport } from "./console-reporter.ts";
import { formatGithubAnnotations } from "./github-reporter.ts";
import { formatJunitReport } from "./junit-reporter.ts";
import { redactReport, redactSecrets } from "./redact-secrets.ts";
import type { Report } from "./types.ts";

export const REPORTERS: Record<FormatName, (report: Report) => string> = {
  console: formatConsoleReport,
  json: (report) => JSON.stringify(report, null, 2),
  junit: formatJunitReport,
  github: formatGithubAnnotations,
};

export function formatReport(report: Report, format: FormatName): string {
  return REPORTERS[format](report);
}

/** What the CLI prints: the report redacted before formatting (a reporter's escaping would hide a
 *  secret from the text pass) and the text redacted again. */
export function renderReport(
  report: Report,
  format: FormatName,
  env: Record<string, string | undefined> = process.env,
): string {
  return redactSecrets(formatReport(redactReport(report, env), format), env);
}
