/**
 * Emulator benchmarks: cold start to first answered request, in-process and as a child
 * process (`chaincheck emulator`, including Node + tsx start-up); AssumeRole round trips on loopback
 * (p50, p90, requests/s) with the real STS client; an unauthenticated 200 MB body (issue 10: time to
 * the refusal, memory kept). Medians over repeated runs; no assertions.
 */
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { Readable } from "node:stream";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startEmulator } from "../emulator/index.ts";
import { fmt, median, percentile } from "./lib/stats.ts";

const SEED = new URL("../fixtures/setups/seed.yaml", import.meta.url).pathname;
const BIN = new URL("../bin/chaincheck.js", import.meta.url).pathname;

export interface EmulatorBenchResult {
  coldStartInProcessMs: number;
  coldStartProcessMs: number;
  assumeRoleP50Ms: number;
  assumeRoleP90Ms: number;
  assumeRolePerSecond: number;
  oversizedBodyRefusalMs: number;
  oversizedBodyRssGrowthMb: number;
}

/** An unauthenticated 200 MB POST: time to the emulator's answer and growth of this process's RSS. */
async function oversizedBody(endpoint: string): Promise<{ ms: number; rssMb: number }> {
  const url = new URL(endpoint);
  const chunk = Buffer.alloc(1024 * 1024, "a");
  const before = process.memoryUsage().rss;
  const t = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: "/",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": 200 * chunk.length,
        },
      },
      (res) => {
        res.resume();
        res.on("end", resolve);
      },
    );
    req.on("error", reject);
    Readable.from(
      (function* () {
        for (let i = 0; i < 200; i++) yield chunk;
      })(),
    ).pipe(req);
  });
  return { ms: performance.now() - t, rssMb: (process.memoryUsage().rss - before) / 1024 / 1024 };
}

async function coldStartInProcess(): Promise<number> {
  const t = performance.now();
  const emu = await startEmulator({ setup: SEED });
  const sts = new STSClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: emu.credentials("A:tester"),
  });
  await sts.send(new GetCallerIdentityCommand({}));
  const ms = performance.now() - t;
  sts.destroy();
  await emu.stop();
  return ms;
}

async function coldStartProcess(): Promise<number> {
  const t = performance.now();
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", "--setup", SEED], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let buf = "";
      child.stdout.on("data", (d) => {
        buf += d;
        if (buf.includes("AWS_SECRET_ACCESS_KEY")) resolve(buf);
      });
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const endpoint = /AWS_ENDPOINT_URL=(\S+)/.exec(out)?.[1] as string;
    const keyId = /AWS_ACCESS_KEY_ID=(\S+)/.exec(out)?.[1] as string;
    const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(out)?.[1] as string;
    const sts = new STSClient({
      endpoint,
      region: "ap-northeast-1",
      credentials: { accessKeyId: keyId, secretAccessKey: secret },
    });
    await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    return performance.now() - t;
  } finally {
    child.kill("SIGTERM");
  }
}

export async function runEmulatorBench(log = console.log): Promise<EmulatorBenchResult> {
  const inProcess: number[] = [];
  for (let i = 0; i < 5; i++) inProcess.push(await coldStartInProcess());
  const processRuns: number[] = [];
  for (let i = 0; i < 3; i++) processRuns.push(await coldStartProcess());

  const emu = await startEmulator({ setup: SEED });
  const lambdaSession = emu.world.lambdaExecutionSession("chaincheck-probe");
  const sts = new STSClient({
    endpoint: emu.endpoint,
    region: emu.region,
    credentials: {
      accessKeyId: lambdaSession.accessKeyId,
      secretAccessKey: lambdaSession.secretAccessKey,
      sessionToken: lambdaSession.sessionToken,
    },
  });
  const assume = () =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::222222222222:role/chaincheck-redshift-role",
        RoleSessionName: "bench",
        ExternalId: "chaincheck-external-id",
      }),
    );
  for (let i = 0; i < 50; i++) await assume();
  const samples: number[] = [];
  const n = 1000;
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await assume();
    samples.push(performance.now() - s);
  }
  const perSecond = n / ((performance.now() - t) / 1000);
  sts.destroy();
  const oversized = await oversizedBody(emu.endpoint);
  await emu.stop();

  const result: EmulatorBenchResult = {
    coldStartInProcessMs: median(inProcess),
    coldStartProcessMs: median(processRuns),
    assumeRoleP50Ms: median(samples),
    assumeRoleP90Ms: percentile(samples, 90),
    assumeRolePerSecond: perSecond,
    oversizedBodyRefusalMs: oversized.ms,
    oversizedBodyRssGrowthMb: oversized.rssMb,
  };
  log(
    `emulator cold start, in process (world + listen + first GetCallerIdentity): median ${fmt(result.coldStartInProcessMs)} (5 runs)`,
  );
  log(
    `emulator cold start, child process (node + tsx + first GetCallerIdentity): median ${fmt(result.coldStartProcessMs)} (3 runs)`,
  );
  log(
    `AssumeRole on loopback, real STS client, sequential: p50 ${fmt(result.assumeRoleP50Ms)}, p90 ${fmt(result.assumeRoleP90Ms)}, ${result.assumeRolePerSecond.toFixed(0)} req/s (${n} calls)`,
  );
  log(
    `unauthenticated 200 MB POST: answered 403 in ${fmt(result.oversizedBodyRefusalMs)}, RSS +${result.oversizedBodyRssGrowthMb.toFixed(1)} MB (body never kept)`,
  );
  return result;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[2]?.endsWith("emulator.bench.ts")) {
  await runEmulatorBench();
}
