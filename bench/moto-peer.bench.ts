/**
 * Per-call latency side by side with moto server (the Python peer, docs/peers.md): the same AWS SDK
 * v3 clients (same configuration, only the endpoint and keys differ) and the same loop, rounds
 * alternating between the two, so a busy machine slows both alike. Calls:
 * - STS AssumeRole: the Lambda role's credentials into B's role (ExternalId, 900 s), as link 2 does;
 * - STS GetCallerIdentity;
 * - Redshift Data API ExecuteStatement (`SELECT 1` as app_user on the chain's cluster) followed by
 *   one DescribeStatement, back to back: moto never finishes a statement (its DescribeStatement
 *   answers STARTED for ever), so the pair is what both sides can be timed on; the emulator's
 *   time to FINISHED is in data-api.bench.ts.
 * Medians and p90 per call, and the emulator's median as a ratio of moto's (below 1 = faster).
 *
 * The emulator runs in this process, as `npm start` runs it (the client and the server share one
 * event loop); moto runs as its own server process (`moto_server`, or `python3 -m moto.server`).
 * The two do different work: moto answers from in-memory models without checking signatures or
 * policies and returns a statement FINISHED with a canned result; the emulator verifies SigV4,
 * evaluates the policies of both accounts and runs the SQL on PGlite.
 *
 * Known gaps: skipped (with a message, never a failure) where moto is not installed, as on CI; no
 * test depends on moto.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { Readable } from "node:stream";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { startEmulator } from "../emulator/index.ts";
import { setDataApiQuotas } from "../emulator/redshift-data/index.ts";
import { fmt, median, percentile } from "./lib/stats.ts";

const SEED = new URL("../fixtures/setups/seed.yaml", import.meta.url).pathname;
const REGION = "ap-northeast-1";
const LAMBDA_ROLE_ARN = "arn:aws:iam::111111111111:role/chaincheck-lambda-role";
const REDSHIFT_ROLE_ARN = "arn:aws:iam::222222222222:role/chaincheck-redshift-role";
const EXTERNAL_ID = "chaincheck-external-id";
const STATEMENT = {
  ClusterIdentifier: "chaincheck-cluster",
  Database: "dev",
  DbUser: "app_user",
  Sql: "SELECT 1",
};

export interface PeerCallFigure {
  call: string;
  emulatorP50Ms: number;
  emulatorP90Ms: number;
  motoP50Ms: number;
  motoP90Ms: number;
  /** Emulator median / moto median: below 1, the emulator answers faster. */
  ratio: number;
}

export type MotoPeerBenchResult =
  | { skipped: true; reason: string }
  | { skipped: false; motoVersion: string; rounds: number; calls: PeerCallFigure[] };

interface Side {
  assumeRole: () => Promise<void>;
  callerIdentity: () => Promise<void>;
  statement: () => Promise<void>;
  close: () => Promise<void>;
}

/** The command line that starts moto server, or why there is none. */
function findMoto(): { command: string[]; version: string } | { reason: string } {
  const probe = spawnSync("python3", ["-c", "import moto, moto.server; print(moto.__version__)"], {
    encoding: "utf8",
  });
  if (probe.error || probe.status !== 0)
    return { reason: "moto is not installed (pip install 'moto[server]' to compare with it)" };
  return { command: ["python3", "-m", "moto.server"], version: probe.stdout.trim() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startMoto(command: string[]): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(command[0], [...command.slice(1), "-H", "127.0.0.1", "-p", String(port)], {
    stdio: "ignore",
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto server exited ${child.exitCode} before answering`);
    const up = await fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { endpoint, child };
    if (Date.now() > deadline) {
      child.kill();
      throw new Error("moto server did not answer within 30 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The same clients for both sides: only the endpoint and the caller's keys differ. */
function side(
  endpoint: string,
  caller: AwsCredentialIdentity,
  close: () => Promise<void>,
  moto = false,
): Side {
  const config = { endpoint, region: REGION, maxAttempts: 1 };
  const sts = new STSClient({ ...config, credentials: caller });
  let data: RedshiftDataClient | undefined;
  const assume = () =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: REDSHIFT_ROLE_ARN,
        RoleSessionName: "chaincheck",
        ExternalId: EXTERNAL_ID,
        DurationSeconds: 900,
      }),
    );
  return {
    assumeRole: async () => {
      await assume();
    },
    callerIdentity: async () => {
      await sts.send(new GetCallerIdentityCommand({}));
    },
    statement: async () => {
      if (!data) {
        const { Credentials: c } = await assume();
        data = new RedshiftDataClient({
          ...config,
          credentials: {
            accessKeyId: c!.AccessKeyId!,
            secretAccessKey: c!.SecretAccessKey!,
            sessionToken: c!.SessionToken,
          },
        });
        if (moto) readMotoTimestamps(data);
      }
      const { Id } = await data.send(new ExecuteStatementCommand(STATEMENT));
      await data.send(new DescribeStatementCommand({ Id }));
    },
    close: async () => {
      sts.destroy();
      data?.destroy();
      await close();
    },
  };
}

/**
 * Moto writes the Data API's timestamps (CreatedAt, UpdatedAt) as date strings where AWS sends epoch
 * seconds, which the SDK refuses; on moto's side only, the body is rewritten to epoch seconds before
 * the SDK reads it (the emulator's answers are read as sent).
 */
function readMotoTimestamps(client: RedshiftDataClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { body?: AsyncIterable<Uint8Array> };
      if (!response.body) return out;
      const chunks: Uint8Array[] = [];
      for await (const chunk of response.body) chunks.push(chunk);
      const text = Buffer.concat(chunks)
        .toString("utf8")
        .replace(
          /"(CreatedAt|UpdatedAt)": ?"([^"]+)"/g,
          (_, key, date) => `"${key}": ${Date.parse(date) / 1000}`,
        );
      response.body = Readable.from([Buffer.from(text)]);
      return out;
    },
    { step: "deserialize", priority: "low", name: "motoTimestamps" },
  );
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function runMotoPeerBench(log = console.log, rounds = 100): Promise<MotoPeerBenchResult> {
  const moto = findMoto();
  if ("reason" in moto) {
    log(`moto peer: skipped — ${moto.reason}`);
    return { skipped: true, reason: moto.reason };
  }
  const server = await startMoto(moto.command);
  const motoSide = side(
    server.endpoint,
    { accessKeyId: "testing", secretAccessKey: "testing" },
    async () => {
      server.child.kill();
    },
    true,
  );
  const emu = await startEmulator({ setup: SEED, prewarm: true });
  // The emulator keeps the Data API's per-second quotas (ExecuteStatement 30/s, as AWS's); this loop
  // measures latency, not quotas, and on an idle machine it sends more than 30 a second (moto has no
  // quota), so they are lifted here for both to be measured alike.
  setDataApiQuotas(emu.world, { tps: { ExecuteStatement: 10_000, DescribeStatement: 10_000 } });
  const emuSide = side(emu.endpoint, emu.credentials(LAMBDA_ROLE_ARN), () => emu.stop());
  const calls: [string, keyof Omit<Side, "close">][] = [
    ["AssumeRole", "assumeRole"],
    ["GetCallerIdentity", "callerIdentity"],
    ["ExecuteStatement + DescribeStatement", "statement"],
  ];
  try {
    const samples = calls.map(() => ({ emulator: [] as number[], moto: [] as number[] }));
    // One warm-up round (connections, the database's first load, JIT), then rounds alternating
    // which side goes first.
    for (let round = -1; round < rounds; round++) {
      for (const [i, [, key]] of calls.entries()) {
        const order = round % 2 === 0 ? (["emulator", "moto"] as const) : (["moto", "emulator"] as const);
        for (const which of order) {
          const ms = await time((which === "emulator" ? emuSide : motoSide)[key]);
          if (round >= 0) samples[i][which].push(ms);
        }
      }
    }
    const figures = calls.map(([call], i): PeerCallFigure => {
      const { emulator, moto: peer } = samples[i];
      return {
        call,
        emulatorP50Ms: median(emulator),
        emulatorP90Ms: percentile(emulator, 90),
        motoP50Ms: median(peer),
        motoP90Ms: percentile(peer, 90),
        ratio: median(emulator) / median(peer),
      };
    });
    for (const f of figures)
      log(
        `moto peer: ${f.call}: emulator p50 ${fmt(f.emulatorP50Ms)} (p90 ${fmt(f.emulatorP90Ms)}) vs moto ${moto.version} p50 ${fmt(f.motoP50Ms)} (p90 ${fmt(f.motoP90Ms)}): ${f.ratio.toFixed(2)}×`,
      );
    return { skipped: false, motoVersion: moto.version, rounds, calls: figures };
  } finally {
    await emuSide.close();
    await motoSide.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[2]?.endsWith("moto-peer.bench.ts"))
  await runMotoPeerBench();
