/**
 * Walks the chain in order (helpers/links.ts) and builds the JSON report. After the first failing
 * link the rest are `blocked`: one run, one root cause.
 */
import type { AwsCredentialIdentity } from "@smithy/types";
import type { ChainConfig } from "../../config/chain-config.ts";
import { CallRecorder } from "../aws/call-recorder.ts";
import { LINKS, type LinkId } from "../links.ts";
import type { LinkReport, Report } from "../report/types.ts";
import { runAssumeRole } from "./assume-role.ts";
import { runClusterCredentials } from "./cluster-credentials.ts";
import type { ChainState, ClientSettings, LinkContext, LinkRunner } from "./context.ts";
import { runCopyFromS3 } from "./copy-from-s3.ts";
import { runExecuteStatement } from "./execute-statement.ts";
import { runLambdaRole } from "./lambda-role.ts";
import { assumeLocalOrigin } from "./origin.ts";

export interface RunChainOptions {
  target: string;
  origin: "local";
  config: ChainConfig;
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  notes?: string[];
}

const RUNNERS: Record<LinkId, LinkRunner> = {
  "lambda-role": runLambdaRole,
  "assume-role": runAssumeRole,
  "cluster-credentials": runClusterCredentials,
  "execute-statement": runExecuteStatement,
  "copy-from-s3": runCopyFromS3,
};

export async function runChain(options: RunChainOptions): Promise<Report> {
  const startedAt = new Date();
  const started = performance.now();
  const state: ChainState = {};
  const notes = [...(options.notes ?? [])];
  const links: LinkReport[] = [];
  let failedLink: LinkId | null = null;

  for (const link of LINKS) {
    if (failedLink) {
      links.push({ id: link.id, status: "blocked", blockedBy: failedLink });
      continue;
    }
    const ctx: LinkContext = {
      config: options.config,
      clientSettings: (credentials) => ({
        region: options.config.region,
        endpoint: options.endpoint,
        credentials,
        ...(options.endpoint ? { forcePathStyle: true } : {}),
      }),
      testerCredentials: options.testerCredentials,
      state,
      recorder: new CallRecorder(),
      checks: [],
    };
    const linkStarted = performance.now();
    if (link.id === "assume-role" && !state.originCredentials) {
      const origin = await assumeLocalOrigin(ctx);
      if (typeof origin === "string")
        ctx.checks.push({ name: "origin identity", status: "error", detail: origin });
      else state.originCredentials = origin as AwsCredentialIdentity;
    }
    const outcome = await RUNNERS[link.id](ctx);
    const report: LinkReport = {
      id: link.id,
      status: outcome.status,
      durationMs: Math.round(performance.now() - linkStarted),
      calls: ctx.recorder.calls,
      checks: ctx.checks,
    };
    if (outcome.error) report.error = outcome.error;
    if (outcome.note) report.note = outcome.note;
    links.push(report);
    if (outcome.status === "fail") failedLink = link.id;
  }

  if (options.origin === "local") {
    notes.push(
      "origin local: links 2–5 ran as the harness's own session of the Lambda's execution role, not inside the function",
    );
  }
  const verdict = failedLink ? "fail" : links.some((l) => l.status === "error") ? "error" : "pass";
  return {
    schemaVersion: 1,
    target: options.target,
    origin: options.origin,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    verdict,
    failedLink,
    links,
    notes,
  };
}

/** Exit code for a report: 0 pass · 1 a link failed · 3 the harness could not check. */
export function exitCodeFor(report: Report): number {
  return report.verdict === "pass" ? 0 : report.verdict === "fail" ? 1 : 3;
}
