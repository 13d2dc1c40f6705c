/**
 * Data API benchmarks, through the real Redshift Data client against the embedded
 * emulator as B's role:
 * - cold first statement: ExecuteStatement → FINISHED on a fresh emulator (creates the cluster's
 *   database from the cached template);
 * - warm `SELECT 1`: ExecuteStatement → DescribeStatement every 10 ms (the Data API allows 100/s)
 *   until FINISHED → GetStatementResult,
 *   started at most every 40 ms (the Data API allows 30 ExecuteStatement/s, and so does the emulator);
 * - the HTTP server's worst event-loop stall (monitorEventLoopDelay, 1 ms resolution) while a
 *   100k-row query runs, next to the stall over the same span with no query running.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { startEmulator } from "../emulator/index.ts";
import { fmt, median, percentile } from "./lib/stats.ts";

const SEED = new URL("../fixtures/setups/seed.yaml", import.meta.url).pathname;
const TARGET = { ClusterIdentifier: "chaincheck-cluster", Database: "dev", DbUser: "app_user" };

export interface DataApiBenchResult {
  coldFirstStatementMs: number;
  warmSelectP50Ms: number;
  warmSelectP90Ms: number;
  stallDuringQueryMs: number;
  stallIdleMs: number;
  bigQueryMs: number;
}

/** At most 18 statements a second: under GetStatementResult's 20 a second. */
const PACE_MS = 55;

async function run(client: RedshiftDataClient, sql: string, fetch = true, pollMs = 10): Promise<void> {
  const { Id } = await client.send(new ExecuteStatementCommand({ ...TARGET, Sql: sql }));
  for (;;) {
    const d = await client.send(new DescribeStatementCommand({ Id }));
    if (d.Status === "FINISHED") break;
    if (d.Status === "FAILED" || d.Status === "ABORTED") throw new Error(`${sql}: ${d.Status} ${d.Error}`);
    // A client polls on a timer; a tight loop would measure the poller, not the server.
    await new Promise((r) => setTimeout(r, pollMs));
  }
  if (fetch) await client.send(new GetStatementResultCommand({ Id }));
}

export async function runDataApiBench(log = console.log): Promise<DataApiBenchResult> {
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    await using emu = await startEmulator({ setup: SEED });
    const client = new RedshiftDataClient({
      endpoint: emu.endpoint,
      region: emu.region,
      credentials: emu.credentials("arn:aws:iam::222222222222:role/chaincheck-redshift-role"),
    });
    const t = performance.now();
    await run(client, "select 1", false);
    cold.push(performance.now() - t);
    client.destroy();
  }

  await using emu = await startEmulator({ setup: SEED });
  const client = new RedshiftDataClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials("arn:aws:iam::222222222222:role/chaincheck-redshift-role"),
  });
  const paced = async (n: number, out?: number[]) => {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await run(client, "select 1");
      const ms = performance.now() - t;
      out?.push(ms);
      // Paced under the Data API's per-second quotas the emulator keeps (GetStatementResult 20/s,
      // ExecuteStatement 30/s, as AWS's): faster, it answers ThrottlingException as AWS would.
      if (ms < PACE_MS) await new Promise((r) => setTimeout(r, PACE_MS - ms));
    }
  };
  await paced(20);
  const warm: number[] = [];
  await paced(200, warm);

  const bigSql = "select g as id, md5(g::text) as name from generate_series(1, 100000) g";
  const monitor = monitorEventLoopDelay({ resolution: 1 });
  monitor.enable();
  const t = performance.now();
  await run(client, bigSql, false, 20);
  const bigQueryMs = performance.now() - t;
  monitor.disable();
  const stallDuringQueryMs = monitor.max / 1e6;
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await new Promise((r) => setTimeout(r, bigQueryMs));
  idle.disable();
  client.destroy();

  const result: DataApiBenchResult = {
    coldFirstStatementMs: median(cold),
    warmSelectP50Ms: median(warm),
    warmSelectP90Ms: percentile(warm, 90),
    stallDuringQueryMs,
    stallIdleMs: idle.max / 1e6,
    bigQueryMs,
  };
  log(
    `Data API first statement on a fresh emulator (database from the cached template): median ${fmt(result.coldFirstStatementMs)} (3 runs)`,
  );
  log(
    `Data API warm SELECT 1 (Execute → Describe until FINISHED → GetStatementResult): p50 ${fmt(result.warmSelectP50Ms)}, p90 ${fmt(result.warmSelectP90Ms)} (200 runs)`,
  );
  log(
    `event-loop stall while a 100k-row query runs (${fmt(bigQueryMs)}): max ${fmt(result.stallDuringQueryMs)}; idle over the same span: max ${fmt(result.stallIdleMs)}`,
  );
  return result;
}

if (process.argv[2]?.endsWith("data-api.bench.ts")) {
  await runDataApiBench();
}
