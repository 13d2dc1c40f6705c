/**
 * COPY and Lambda benchmarks, measured side by side in one run:
 * - COPY of a 100k-row CSV object through the Data API (cross-account: bucket in A, cluster in B,
 *   IAM_ROLE assumed by the emulated Redshift, S3 read through the S3 model, planned, loaded as the
 *   DB user) against PGlite's own `COPY … FROM '/dev/blob'` of the same bytes, in this process;
 * - Lambda Invoke of a small JavaScript handler: cold (a fresh execution environment after a
 *   configuration change) and warm (p50 over 100 invocations).
 */

import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { PGlite } from "@electric-sql/pglite";
import { strToU8, zipSync } from "fflate";
import { startEmulator } from "../emulator/index.ts";
import { fmt, median } from "./lib/stats.ts";

const SEED = new URL("../fixtures/setups/seed.yaml", import.meta.url).pathname;
const ROWS = 100_000;
const CSV = `id,region,amount\n${Array.from({ length: ROWS }, (_, i) => `${i},region-${i % 47},${(i % 1000) + 0.25}`).join("\n")}\n`;

export interface CopyLambdaBenchResult {
  copyRowsPerSecond: number;
  pgliteRowsPerSecond: number;
  copyShareOfPglite: number;
  lambdaColdMs: number;
  lambdaWarmP50Ms: number;
}

async function pgliteCopyRowsPerSecond(): Promise<number> {
  const db = await PGlite.create();
  await db.exec("CREATE TABLE bench (id integer, region varchar(32), amount numeric(10,2))");
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    await db.exec("TRUNCATE bench");
    const t = performance.now();
    await db.query("COPY bench FROM '/dev/blob' WITH (FORMAT csv, HEADER true)", [], {
      blob: new Blob([CSV]),
    });
    rates.push(ROWS / ((performance.now() - t) / 1000));
  }
  await db.close();
  return median(rates);
}

async function emulatorCopyRowsPerSecond(): Promise<number> {
  await using emu = await startEmulator({
    setup: {
      extends: SEED,
      s3Buckets: [
        {
          account: "111111111111",
          region: "ap-northeast-1",
          name: "chaincheck-copy-source",
          objects: [{ key: "bench/rows.csv", body: CSV }],
        },
      ],
    },
  });
  const client = new RedshiftDataClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials("arn:aws:iam::222222222222:role/chaincheck-redshift-role"),
  });
  const run = async (sql: string) => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        ClusterIdentifier: "chaincheck-cluster",
        Database: "dev",
        DbUser: "app_user",
        Sql: sql,
      }),
    );
    for (;;) {
      const d = await client.send(new DescribeStatementCommand({ Id }));
      if (d.Status === "FINISHED") return d;
      if (d.Status === "FAILED" || d.Status === "ABORTED") throw new Error(`${sql}: ${d.Error}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    await run(`create table public.bench_${i} (id integer, region varchar(32), amount numeric(10,2))`);
    const t = performance.now();
    const done = await run(
      `copy public.bench_${i} from 's3://chaincheck-copy-source/bench/rows.csv' iam_role 'arn:aws:iam::222222222222:role/chaincheck-copy-role' csv ignoreheader 1`,
    );
    const ms = performance.now() - t;
    if (done.ResultRows !== ROWS) throw new Error(`COPY loaded ${done.ResultRows} rows, expected ${ROWS}`);
    rates.push(ROWS / (ms / 1000));
  }
  client.destroy();
  return median(rates);
}

async function lambdaLatency(): Promise<{ coldMs: number; warmP50Ms: number }> {
  await using emu = await startEmulator({ setup: SEED });
  const lambda = new LambdaClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials("A:tester"),
  });
  const code = zipSync({
    "index.mjs": strToU8("export const handler = async (event) => ({ echo: event.n });"),
  });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: "bench-echo",
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Role: "arn:aws:iam::111111111111:role/chaincheck-lambda-role",
      Code: { ZipFile: code },
    }),
  );
  const invoke = (n: number) =>
    lambda.send(
      new InvokeCommand({ FunctionName: "bench-echo", Payload: Buffer.from(JSON.stringify({ n })) }),
    );
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "bench-echo",
        Environment: { Variables: { RUN: String(i) } },
      }),
    );
    const t = performance.now();
    await invoke(i);
    cold.push(performance.now() - t);
  }
  for (let i = 0; i < 10; i++) await invoke(i);
  const warm: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await invoke(i);
    warm.push(performance.now() - t);
  }
  lambda.destroy();
  return { coldMs: median(cold), warmP50Ms: median(warm) };
}

export async function runCopyLambdaBench(log = console.log): Promise<CopyLambdaBenchResult> {
  const pgliteRowsPerSecond = await pgliteCopyRowsPerSecond();
  const copyRowsPerSecond = await emulatorCopyRowsPerSecond();
  const { coldMs, warmP50Ms } = await lambdaLatency();
  const result: CopyLambdaBenchResult = {
    copyRowsPerSecond,
    pgliteRowsPerSecond,
    copyShareOfPglite: copyRowsPerSecond / pgliteRowsPerSecond,
    lambdaColdMs: coldMs,
    lambdaWarmP50Ms: warmP50Ms,
  };
  const n = (x: number) => Math.round(x).toLocaleString("en");
  log(
    `COPY 100k-row CSV through the Data API (cross-account IAM_ROLE, S3 model, load as DB user): median ${n(copyRowsPerSecond)} rows/s (3 runs)`,
  );
  log(
    `PGlite's own COPY FROM '/dev/blob' of the same bytes: median ${n(pgliteRowsPerSecond)} rows/s (3 runs) → COPY at ${(result.copyShareOfPglite * 100).toFixed(0)} % of it`,
  );
  log(
    `Lambda Invoke, small JS handler: cold median ${fmt(coldMs)} (5 runs), warm p50 ${fmt(warmP50Ms)} (100 runs)`,
  );
  return result;
}

if (process.argv[2]?.endsWith("copy-lambda.bench.ts")) {
  await runCopyLambdaBench();
}
