/**
 * Walks the chain in order (helpers/links.ts) and builds the JSON report. After the first failing
 * link the rest are `blocked`: one run, one root cause. Every link that ran gets its `assurance`
 * from its negative control (helpers/chain/negative-control.ts; a control the setup's own broad
 * policy allows is explained by helpers/chain/broad-policy.ts), and the report the weakest of the
 * passed links'. Exit codes do not depend on assurance.
 *
 * Origins (docs/architecture.md, targets and origins): `local` — the harness assumes the Lambda's execution role itself and runs
 * links 2–5; `lambda-probe` — links 2–5 run inside the function (helpers/probe/handler.ts) with its
 * real execution-role credentials, and the function returns their reports.
 */
import type { AwsCredentialIdentity } from "@smithy/types";
import type { ChainConfig } from "../../config/chain-config.ts";
import type { BReader } from "../../config/harness-config.ts";
import { CallRecorder } from "../aws/call-recorder.ts";
import { endpointClientConfig } from "../aws/endpoint-client-config.ts";
import { type RetryPolicyOptions, retrySettings } from "../aws/retry-policy.ts";
import type { ReaderSettings } from "../diagnosis/read/read-access.ts";
import { LINKS, type LinkDefinition, type LinkId } from "../links.ts";
import { reportProgress } from "../report/progress.ts";
import type { LinkReport, Report, Warning } from "../report/types.ts";
import { explainAllowedControls } from "./broad-policy.ts";
import type { ChainState, ClientSettings, LinkContext, LinkRunner } from "./context.ts";
import { runLambdaRole } from "./lambda-role.ts";
import { assuranceOf, controlsRun, reportAssurance } from "./negative-control.ts";
import { assumeLocalOrigin } from "./origin.ts";
import { invokeProbe } from "./probe-origin.ts";

export type Origin = "local" | "lambda-probe";

export interface RunChainOptions {
  target: string;
  origin: Origin;
  config: ChainConfig;
  endpoint?: string;
  testerCredentials: ClientSettings["credentials"];
  /** A reader in B for diagnosis (embedded: the seed's B:admin); else the configured `bReader`. */
  readerBCredentials?: ClientSettings["credentials"];
  bReader?: BReader;
  notes?: string[];
  /** Statement timeout (default 120 s). */
  statementTimeoutMs?: number;
  /** Each link's call recorder (`chaincheck record` keeps the answers too; helpers/recorder/). */
  recorderFor?: (link: LinkId) => CallRecorder;
  /** Run the negative controls whatever the target (`chaincheck record` on `aws`). */
  controls?: boolean;
}

/** Links 2–5 (and their SDK clients) load when they first run: with the `lambda-probe` origin they
 *  run inside the probe function, and the CLI's process never needs them. The probe loads them in
 *  its init phase (loadLinkRunners), where a provisioned environment has time to spare. */
const RUNNERS: Record<LinkId, () => Promise<LinkRunner>> = {
  "lambda-role": async () => runLambdaRole,
  "assume-role": async () => (await import("./assume-role.ts")).runAssumeRole,
  "cluster-credentials": async () => (await import("./cluster-credentials.ts")).runClusterCredentials,
  "execute-statement": async () => (await import("./execute-statement.ts")).runExecuteStatement,
  "copy-from-s3": async () => (await import("./copy-from-s3.ts")).runCopyFromS3,
};

/** Loads every link's runner now (the probe's init phase: its first invocation then loads nothing). */
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
    const outcome = await (await RUNNERS[link.id]())(ctx);
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

export async function runChain(options: RunChainOptions): Promise<Report> {
  const startedAt = new Date();
  const started = performance.now();
  const state: ChainState = {};
  const notes = [...(options.notes ?? [])];
  // Off AWS and the embedded emulator, a reader in B lets a link tell a target that denies what the
  // setup's policy allows from a policy that denies (broad-policy.ts); read once per run.
  const policyReader = controlsRun(options.target)
    ? (
        await (
          await import("../diagnosis/read/read-access.ts")
        ).readAccess({
          region: options.config.region,
          endpoint: options.endpoint,
          testerCredentials: options.testerCredentials,
          readerBCredentials: options.readerBCredentials,
          bReader: options.bReader,
        })
      ).readerB
    : undefined;
  const walk = {
    target: options.target,
    policyReader,
    statementTimeoutMs: options.statementTimeoutMs,
    config: options.config,
    endpoint: options.endpoint,
    testerCredentials: options.testerCredentials,
    state,
    recorderFor: options.recorderFor,
    controls: options.controls,
  };
  const [first, ...rest] = LINKS;
  const linkOne = await walkLinks([first], walk);
  const diagnosis = {
    ...walk,
    readerBCredentials: options.readerBCredentials,
    bReader: options.bReader,
    lambdaRoleArn: state.lambdaRoleArn,
  };
  const linksAfterOne = async (): Promise<LinkReport[]> => {
    if (linkOne[0].status === "fail")
      return rest.map((l): LinkReport => ({ id: l.id, status: "blocked", blockedBy: first.id }));
    if (options.origin === "lambda-probe") {
      reportProgress(`links 2–5 running inside the probe function ${options.config.functionName}…`);
      return invokeProbe(rest, { ...walk, recorder: new CallRecorder() });
    }
    const local = await walkLinks(rest, {
      ...walk,
      beforeLink: async (link, ctx) => {
        if (link.id !== "assume-role" || state.originCredentials) return;
        const origin = await assumeLocalOrigin(ctx);
        if (typeof origin === "string")
          ctx.checks.push({
            id: "origin-identity",
            name: "origin identity",
            status: "error",
            detail: origin,
          });
        else state.originCredentials = origin as AwsCredentialIdentity;
      },
    });
    notes.push(
      "origin local: links 2–5 ran as the harness's own session of the Lambda's execution role, not inside the function",
    );
    return local;
  };
  // Links 2–5 start first. The diagnosis (its catalog, readers and their SDK clients) loads while
  // they run — not before the CLI can start the emulator, nor in link 1's way — and the static
  // warnings, which need only link 1, are read then (diagnose-report.ts).
  const later = linksAfterOne();
  later.catch(() => undefined); // awaited below; handled while the diagnosis loads
  const { diagnoseRun, startStaticWarnings } = await import("../diagnosis/diagnose-report.ts");
  const warnings = startStaticWarnings({ ...diagnosis, links: linkOne });
  const links = [...linkOne, ...(await later)];
  // A control the setup's own broad policy allows is a warning about the policy, not the target.
  let policyWarnings: Warning[] = [];
  if (links.some((l) => l.control?.outcome === "allowed"))
    policyWarnings = await explainAllowedControls(links, options.config, policyReader).catch(() => []);
  // Diagnosis of the first failing link (attached to it) and static warnings (helpers/diagnosis).
  const diagnosed = await diagnoseRun({
    ...diagnosis,
    links,
    bRoleCredentials: state.bRoleCredentials,
    lambdaRoleArn: state.lambdaRoleArn,
    warnings,
  });
  notes.push(...diagnosed.notes);
  const failedLink = links.find((l) => l.status === "fail")?.id ?? null;
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
    warnings: [...diagnosed.warnings, ...policyWarnings],
    assurance: reportAssurance(links),
  };
}

/** Exit code for a report: 0 pass · 1 a link failed · 3 the harness could not check. */
export function exitCodeFor(report: Report): number {
  return report.verdict === "pass" ? 0 : report.verdict === "fail" ? 1 : 3;
}
