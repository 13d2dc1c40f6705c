/**
 * The harness, end to end:
 * - `npm start` wall time from a fresh process, cold (CHAINCHECK_CACHE_DIR pointed at an empty
 *   temporary folder, so the PGlite template is built: initdb + the cluster's database) and warm
 *   (the same folder again, template cached) — the full five links on the embedded target;
 * - Data API polling overhead of the harness's own poller (helpers/chain/statement.ts): for
 *   `select pg_sleep(s)` with s = 0.1, 1 and 5, the time from the statement finishing in the
 *   emulator (DescribeStatement's UpdatedAt, same clock: the emulator runs in this process) to the
 *   harness receiving the DescribeStatement answer that says FINISHED, and the DescribeStatement
 *   calls per statement.
 *
 * Targets (the README's benchmark table): warm `npm start` < 2.5 s; overhead < max(10 % of the statement, 100 ms) with
 * at most one DescribeStatement per 200 ms on average.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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
  coldStartMs: number;
  warmStartMs: number;
  polling: { seconds: number; overheadMs: number; describeCalls: number; msPerCall: number }[];
}

function npmStart(cacheDir: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      env: { ...process.env, CHAINCHECK_CACHE_DIR: cacheDir, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 || !out.includes("verdict: pass"))
        reject(new Error(`npm start exited ${code}:\n${out}`));
      else resolve(performance.now() - started);
    });
  });
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
  const cold: number[] = [];
  const warm: number[] = [];
  const dirs: string[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), "chaincheck-bench-cache-"));
      dirs.push(dir);
      cold.push(await npmStart(dir));
    }
    for (let i = 0; i < 5; i++) warm.push(await npmStart(dirs[0]));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  const polling = await pollingBench(5);
  const result = { coldStartMs: median(cold), warmStartMs: median(warm), polling };
  log(`harness: npm start cold (no cached template) ${fmt(result.coldStartMs)} median of ${cold.length}`);
  log(`harness: npm start warm ${fmt(result.warmStartMs)} median of ${warm.length} (target < 2.5 s)`);
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
