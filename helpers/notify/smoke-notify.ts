/**
 * After a run with `--state FILE` (and `--notify URL`): compare each environment's report with its
 * last verdict in the state file, post one notification per environment whose links changed
 * (helpers/notify/notify-payload.ts), and write the new state. Nothing here changes the run's
 * verdict or exit code: every problem — a webhook that fails after its retries, a state file that
 * cannot be written — comes back as a warning line for stderr.
 *
 * When a notification cannot be delivered, that environment keeps its previous state, so the next
 * run sees the same change and posts it again. An environment that could not run at all (no
 * report) keeps its state and posts nothing.
 *
 * Known gaps: notifications of several environments go out one after another, not at once.
 */
import { redactReport, redactSecrets } from "../report/redact-secrets.ts";
import type { Report } from "../report/types.ts";
import { type NotifyFormat, notifyPayload } from "./notify-payload.ts";
import { postJson } from "./post-webhook.ts";
import { linkChanges, nextEnvironmentState, readVerdictState, writeVerdictState } from "./verdict-state.ts";

export interface SmokeOptions {
  stateFile: string;
  notify?: { url: string; format: NotifyFormat; timeoutMs: number; backoffMs?: number[] };
}

export interface SmokeRun {
  environment: string;
  report?: Report;
  /** The environment's variables, whose secrets are redacted from what is posted. */
  env: Record<string, string | undefined>;
}

export interface SmokeOutcome {
  /** Environments a notification was delivered for. */
  notified: string[];
  warnings: string[];
}

/** Where the webhook is, without its path or query (Slack's secret is the path). */
function host(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

export async function afterRuns(runs: SmokeRun[], options: SmokeOptions): Promise<SmokeOutcome> {
  const warnings: string[] = [];
  const notified: string[] = [];
  let state: ReturnType<typeof readVerdictState>;
  try {
    state = readVerdictState(options.stateFile);
  } catch (error) {
    return { notified, warnings: [`--state ${options.stateFile}: ${(error as Error).message}; not updated`] };
  }
  for (const run of runs) {
    if (!run.report) continue;
    const report = redactReport(run.report, run.env);
    const previous = state.environments[run.environment];
    const changes = linkChanges(previous, report);
    if (options.notify && changes.length > 0) {
      const body = notifyPayload(options.notify.format, {
        environment: run.environment,
        report,
        previousVerdict: previous?.verdict ?? null,
        changes,
      });
      const redacted = JSON.parse(redactSecrets(JSON.stringify(body), run.env)) as object;
      const result = await postJson(options.notify.url, redacted, {
        timeoutMs: options.notify.timeoutMs,
        backoffMs: options.notify.backoffMs,
      });
      if (!result.ok) {
        warnings.push(
          `--notify: could not post the change of ${run.environment} to ${host(options.notify.url)} (${result.outcome} after ${result.attempts} attempt${result.attempts === 1 ? "" : "s"}); its state is kept, so the next run posts it again. The run's result is unchanged.`,
        );
        continue;
      }
      notified.push(run.environment);
    }
    state.environments[run.environment] = nextEnvironmentState(previous, report);
  }
  try {
    writeVerdictState(options.stateFile, state);
  } catch (error) {
    warnings.push(`--state ${options.stateFile}: could not write it (${(error as Error).message})`);
  }
  return { notified, warnings };
}
