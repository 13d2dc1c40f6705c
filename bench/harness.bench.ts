/**
 * The harness, end to end (`npm start` cold and warm, whole process: bench/cli.bench.ts):
 * - Data API polling overhead of the harness's own poller (helpers/chain/statement.ts): for
 *   `select pg_sleep(s)` with s = 0.1, 1 and 5, the time from the statement finishing in the
 *   emulator (DescribeStatement's UpdatedAt, same clock: the emulator runs in this process) to the
 *   harness receiving the DescribeStatement answer that says FINISHED, and the DescribeStatement
 *   calls per statement.
 *
 * Targets (the README's benchmark table): overhead < max(10 % of the statement, 100 ms) with
 * at most one DescribeStatement per 200 ms on average.
 */
import { join } from "node:path";
import type { DescribeStatementCommandOutput } from "@aws-sdk/client-redshift-data";
import { parseChainConfig } from "../config/chain-config.ts";
import { startEmulator } from "../emulator/index.ts";
import { CallRecorder } from "../helpers/aws/call-recorder.ts";
import { retrySettings } from "../helpers/aws/retry-policy.ts";
import type { LinkContext } from "../helpers/chain/context.ts";
import { runStatement } from "../helpers/chain/statement.ts";
import { fmt, median } from "./lib/stats.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const SEED = join(ROOT, "fixtures/setups/seed.yaml");
const B_ROLE = "arn:aws:iam::222222222222:role/chaincheck-redshift-role";

export interface HarnessBenchResult {
  polling: { seconds: number; overheadMs: number; describeCalls: number; msPerCall: number }[];
}

/** A recorder that also notes when each DescribeStatement answer arrived and what it said. */
class TimingRecorder extends CallRecorder {
  readonly described: { at: number; output: DescribeStatementCommandOutput }[] = [];
  override async call<T extends { $metadata?: { httpStatusCode?: number; requestId?: string } }>(
    service: string,
    operation: string,
    send: () => Promise<T>,
  ): Promise<T> {
    const output = await super.call(service, operation, send);
    if (operation === "DescribeStatement")
      this.described.push({ at: Date.now(), output: output as unknown as DescribeStatementCommandOutput });
    return output;
  }
}

async function pollingBench(runs: number): Promise<HarnessBenchResult["polling"]> {
  await using emu = await startEmulator({ setup: SEED });
  const config = parseChainConfig(emu.world.setup.chain, "setup");
  const credentials = emu.credentials(B_ROLE);
  const context = (recorder: CallRecorder): LinkContext => ({
    config,
    target: "embedded",
    clientSettings: (c) => ({
      region: config.region,
      endpoint: emu.endpoint,
      credentials: c,
      ...retrySettings(),
    }),
    testerCredentials: undefined,
    state: { bRoleCredentials: credentials as never },
    recorder,
    checks: [],
  });
  await runStatement(context(new CallRecorder()), "select 1"); // the cluster's database, created once
  const out: HarnessBenchResult["polling"] = [];
  for (const seconds of [0.1, 1, 5]) {
    const overhead: number[] = [];
    const calls: number[] = [];
    const perCall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const recorder = new TimingRecorder();
      const submitted = Date.now();
      const outcome = await runStatement(context(recorder), `select pg_sleep(${seconds})`);
      if (outcome.status !== "FINISHED") throw new Error(`pg_sleep(${seconds}) ended ${outcome.status}`);
      const last = recorder.described.at(-1);
      const finishedAt = last?.output.UpdatedAt?.getTime();
      if (!last || finishedAt === undefined) throw new Error("no FINISHED DescribeStatement");
      overhead.push(last.at - finishedAt);
      calls.push(recorder.described.length);
      perCall.push((last.at - submitted) / recorder.described.length);
    }
    out.push({
      seconds,
      overheadMs: median(overhead),
      describeCalls: median(calls),
      msPerCall: median(perCall),
    });
  }
  return out;
}

export async function runHarnessBench(log = console.log): Promise<HarnessBenchResult> {
  const polling = await pollingBench(5);
  const result = { polling };
  for (const p of polling) {
    const target = Math.max(100, p.seconds * 100);
    log(
      `harness: Data API polling, ${p.seconds} s statement: noticed ${fmt(p.overheadMs)} after it finished (target < ${target} ms), ${p.describeCalls} DescribeStatement calls, one per ${fmt(p.msPerCall)} (target ≥ 200 ms) — medians of 5`,
    );
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[2]?.endsWith("harness.bench.ts"))
  await runHarnessBench();
