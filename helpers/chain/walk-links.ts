/**
 * Walks links in order and builds their reports; after the first failing link the rest are
 * `blocked`: one run, one root cause. Shared by the harness (runner.ts) and the probe function
 * (helpers/probe/handler.ts), so it holds the runners of links 2–5 only: the harness, which alone
 * runs link 1 (`lambda-role`), passes that runner in. The probe's bundle holds what this module
 * reaches, and its execution environment initializes it: not link 1's Lambda and IAM clients, the
 * harness's probe invoker or the broad-policy explainer with its readers.
 */

import type { ChainConfig } from "../../config/chain-config.ts";
import { CallRecorder } from "../aws/call-recorder.ts";
import { endpointClientConfig } from "../aws/endpoint-client-config.ts";
import { type RetryPolicyOptions, retrySettings } from "../aws/retry-policy.ts";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import type { LinkDefinition, LinkId } from "../links.ts";
import { reportProgress } from "../report/progress.ts";
import type { LinkReport } from "../report/types.ts";
import type { ChainState, ClientSettings, LinkContext, LinkRunner } from "./context.ts";
import { assuranceOf } from "./negative-control.ts";

/** Links 2–5 (and their SDK clients) load when they first run: with the `lambda-probe` origin they
 *  run inside the probe function, and the CLI's process never needs them. The probe loads them in
 *  its init phase (loadLinkRunners), where a provisioned environment has time to spare. */
const RUNNERS: Partial<Record<LinkId, () => Promise<LinkRunner>>> = {
  "assume-role": async () => (await import("./assume-role.ts")).runAssumeRole,
  "cluster-credentials": async () => (await import("./cluster-credentials.ts")).runClusterCredentials,
  "execute-statement": async () => (await import("./execute-statement.ts")).runExecuteStatement,
  "copy-from-s3": async () => (await import("./copy-from-s3.ts")).runCopyFromS3,
};

/** Loads the runners of links 2–5 now (the probe's init phase: its first invocation then loads
 *  nothing). */
export async function loadLinkRunners(): Promise<void> {
  await Promise.all(Object.values(RUNNERS).map((load) => load()));
}

export interface WalkOptions {
  config: ChainConfig;
  /** The target's name (`aws`, `endpoint`, …): whether negative controls run (negative-control.ts). */
  target: string;
  /** Statement timeout (default 120 s). */
  statementTimeoutMs?: number;
  /** A reader in B (non-AWS targets only): see LinkContext.policyReader. */
  policyReader?: ReaderSettings;
  /** See LinkContext.deniedDespitePolicy. */
  deniedDespitePolicy?: LinkContext["deniedDespitePolicy"];
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  state: ChainState;
  /** Called before a link runs (the local origin obtains its credentials before link 2). */
  beforeLink?: (link: LinkDefinition, ctx: LinkContext) => Promise<void>;
  recorderFor?: (link: LinkId) => CallRecorder;
  controls?: boolean;
  /** The chain clients' retry policy (default DEFAULT_RETRY_POLICY); tests that inject faults
   *  shorten the backoff, which nothing they assert depends on. */
  retry?: RetryPolicyOptions;
  /** Runners this module does not hold: link 1's (`lambda-role`), which only the harness runs. */
  runners?: Partial<Record<LinkId, () => Promise<LinkRunner>>>;
}

/** Runs `links` in order; a link after a failed one is `blocked`. */
export async function walkLinks(
  links: readonly LinkDefinition[],
  options: WalkOptions,
): Promise<LinkReport[]> {
  const reports: LinkReport[] = [];
  let failedLink: LinkId | undefined;
  for (const link of links) {
    if (failedLink) {
      reports.push({ id: link.id, status: "blocked", blockedBy: failedLink });
      continue;
    }
    const ctx: LinkContext = {
      config: options.config,
      target: options.target,
      statementTimeoutMs: options.statementTimeoutMs,
      policyReader: options.policyReader,
      deniedDespitePolicy: options.deniedDespitePolicy,
      clientSettings: (credentials) => ({
        region: options.config.region,
        endpoint: options.endpoint,
        credentials,
        ...retrySettings(options.retry),
        ...endpointClientConfig(options.endpoint),
      }),
      testerCredentials: options.testerCredentials,
      state: options.state,
      recorder: options.recorderFor?.(link.id) ?? new CallRecorder(),
      checks: [],
      ...(options.controls ? { controls: true } : {}),
    };
    const started = performance.now();
    reportProgress(`${link.id}: ${link.title}…`);
    await options.beforeLink?.(link, ctx);
    const load = options.runners?.[link.id] ?? RUNNERS[link.id];
    if (!load)
      throw new Error(`walkLinks: no runner for ${link.id} (the harness passes link 1's in options.runners)`);
    const outcome = await (await load())(ctx);
    const report: LinkReport = {
      id: link.id,
      status: outcome.status,
      durationMs: Math.round(performance.now() - started),
      calls: ctx.recorder.calls,
      checks: ctx.checks,
    };
    if (outcome.error) report.error = outcome.error;
    if (outcome.note) report.note = outcome.note;
    if (outcome.status === "pass" || outcome.status === "fail" || outcome.status === "error")
      report.assurance = assuranceOf(options.target, ctx.control);
    if (ctx.control) report.control = ctx.control;
    reports.push(report);
    if (outcome.status === "fail") failedLink = link.id;
  }
  return reports;
}
