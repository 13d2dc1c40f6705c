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
import { LINKS, type LinkId } from "../links.ts";
import { reportProgress } from "../report/progress.ts";
import type { LinkReport, Report, Warning } from "../report/types.ts";
import { deniedDespitePolicy, explainAllowedControls } from "./broad-policy.ts";
import type { ChainState, ClientSettings } from "./context.ts";
import { runLambdaRole } from "./lambda-role.ts";
import { controlsRun, reportAssurance } from "./negative-control.ts";
import { assumeLocalOrigin } from "./origin.ts";
import { invokeProbe } from "./probe-origin.ts";
import { walkLinks } from "./walk-links.ts";

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
    deniedDespitePolicy,
    statementTimeoutMs: options.statementTimeoutMs,
    config: options.config,
    endpoint: options.endpoint,
    testerCredentials: options.testerCredentials,
    state,
    recorderFor: options.recorderFor,
    controls: options.controls,
    runners: { "lambda-role": async () => runLambdaRole },
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
  // Links 2–5 start first. The diagnosis's entry loads while they run — not before the CLI can
  // start the emulator, nor in link 1's way — and the static warnings, which need only link 1, are
  // read then; a failed link's narrowing loads only when there is one (diagnose-report.ts).
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
