/**
 * What `--notify` posts when links change state (helpers/notify/verdict-state.ts): a generic JSON
 * document (`--notify-format json`, the default) or a Slack incoming-webhook message
 * (`--notify-format slack`: `text` plus Block Kit `blocks`). A link that went red carries AWS's
 * error, the cause, the side that must change and the fix; one that went green says so.
 *
 * Generic payload (`schemaVersion: 1`):
 *   { "schemaVersion": 1, "source": "chaincheck", "environment", "verdict", "previousVerdict",
 *     "failedLink", "target", "origin", "startedAt", "text",
 *     "changes": [ { "link", "from", "to", "error"?: { "code", "httpStatus", "message" },
 *                    "diagnosis"?: { "cause", "side", "summary", "fix", "settled", "candidates"?, "settledBy"? } } ] }
 *
 * The report is redacted before it gets here (helpers/notify/smoke-notify.ts), like every format.
 *
 * Known gaps: Slack limits a section's text to 3,000 characters: a longer fix is cut, with a note.
 */
import { linkById } from "../links.ts";
import type { Report } from "../report/types.ts";
import type { LinkChange } from "./verdict-state.ts";

export const NOTIFY_FORMATS = ["json", "slack"] as const;
export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

export interface NotifyInput {
  environment: string;
  report: Report;
  previousVerdict: Report["verdict"] | null;
  changes: LinkChange[];
}

function changeWords(change: LinkChange): string {
  const name = `${change.link} (${linkById(change.link).title})`;
  if (change.to === "pass") return `${name} is green again${change.from ? ` (was ${change.from})` : ""}`;
  if (change.to === "fail") return `${name} went red${change.from ? ` (was ${change.from})` : ""}`;
  return `${name} could not be checked${change.from ? ` (was ${change.from})` : ""}`;
}

/** One line for chat and logs: "chaincheck [prod]: assume-role … went red (was pass)". */
export function summaryLine({ environment, changes }: NotifyInput): string {
  return `chaincheck [${environment}]: ${changes.map(changeWords).join("; ")}`;
}

function detailOf(report: Report, change: LinkChange) {
  const link = report.links.find((l) => l.id === change.link);
  if (!link || change.to === "pass") return {};
  return {
    ...(link.error
      ? { error: { code: link.error.code, httpStatus: link.error.httpStatus, message: link.error.message } }
      : {}),
    ...(link.diagnosis ? { diagnosis: { ...link.diagnosis } } : {}),
    ...(link.note && !link.error ? { note: link.note } : {}),
  };
}

export function genericPayload(input: NotifyInput) {
  const { report } = input;
  return {
    schemaVersion: 1,
    source: "chaincheck",
    environment: input.environment,
    verdict: report.verdict,
    previousVerdict: input.previousVerdict,
    failedLink: report.failedLink,
    target: report.target,
    origin: report.origin,
    startedAt: report.startedAt,
    text: summaryLine(input),
    changes: input.changes.map((c) => ({ ...c, ...detailOf(report, c) })),
  };
}

const SLACK_TEXT_LIMIT = 3000;

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 40)}\n… (cut; the full fix is in the report)`;
}

/** Backticks would end Slack's code block early. */
const code = (text: string) => text.replace(/```/g, "'''");

export function slackPayload(input: NotifyInput) {
  const { report } = input;
  const mark =
    report.verdict === "pass"
      ? ":large_green_circle:"
      : report.verdict === "fail"
        ? ":red_circle:"
        : ":warning:";
  const blocks: object[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(
          `${mark} *chaincheck [${input.environment}]*: ${report.verdict}${report.failedLink ? ` — \`${report.failedLink}\` failed` : ""} (target \`${report.target}\`)`,
          SLACK_TEXT_LIMIT,
        ),
      },
    },
  ];
  for (const change of input.changes) {
    const detail = detailOf(report, change);
    const lines = [`*${changeWords(change)}*`];
    if (detail.error)
      lines.push(
        `AWS: \`${detail.error.code}\`${detail.error.httpStatus ? ` (HTTP ${detail.error.httpStatus})` : ""}: ${detail.error.message}`,
      );
    if (detail.note) lines.push(detail.note);
    if (detail.diagnosis) {
      const d = detail.diagnosis;
      lines.push(
        d.settled === false && d.candidates
          ? `one of ${d.candidates.length} causes, not settled (${d.candidates.map((c) => `\`${c}\``).join(", ")}); the fix is for the most likely, account ${d.side}: ${d.summary}`
          : `cause \`${d.cause}\` — account ${d.side} must change: ${d.summary}`,
      );
      lines.push(`fix:\n\`\`\`${code(detail.diagnosis.fix)}\`\`\``);
    }
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: clip(lines.join("\n"), SLACK_TEXT_LIMIT) },
    });
  }
  return { text: summaryLine(input), blocks };
}

export function notifyPayload(format: NotifyFormat, input: NotifyInput): object {
  return format === "slack" ? slackPayload(input) : genericPayload(input);
}
