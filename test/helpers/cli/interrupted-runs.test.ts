import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import type { World } from "../../../emulator/world/world.ts";
import { pendingCleanups } from "../../../helpers/chain/interrupt-cleanups.ts";
import { runMain } from "./cli-in-process.ts";
import { SEED } from "./run-cli.ts";
import { seedChainEnv } from "./seed-chain-env.ts";

const INTERRUPTED = 50;
let emu: RunningEmulator;
let saved: NodeJS.ProcessEnv;
let proxy: Server;
let requests = 0;
let onRequest: (n: number) => Promise<unknown> | undefined = () => undefined;
let fullRunRequests = 0;

/** A small seeded generator, so a failing run can be replayed from the test's seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function statementRecords(world: World) {
  return world.dataApi.statements.created().flatMap((scope) => [...scope.records.values()]);
}

function statementsSince(index: number): string[] {
  return [...statementRecords(emu.world)].slice(index).map((r) => r.subs[0]?.sql ?? "");
}

beforeAll(async () => {
  emu = await startEmulator({ setup: SEED, prewarm: true });
  const target = new URL(emu.endpoint);
  proxy = createServer(async (req, res) => {
    // The chosen request waits until the CLI's listener has seen the signal (signals arrive
    // asynchronously; listeners run in order, the CLI's first), as a request on the wire would.
    const signalled = onRequest(++requests);
    if (signalled) await signalled;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  saved = { ...process.env };
  const keys = emu.credentials("A:tester");
  Object.assign(process.env, seedChainEnv(), {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    CHAINCHECK_ORIGIN: "local",
  });
  expect((await runMain(["run", "--target", "endpoint", "--format", "json"])).code).toBe(0);
  requests = 0;
  const warm = await runMain(["run", "--target", "endpoint", "--format", "json"]);
  fullRunRequests = requests;
  expect(warm.code).toBe(0);
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => proxy?.close(resolve));
  await emu?.stop();
});

describe("interrupted runs", () => {
  test(`${INTERRUPTED} runs interrupted at a random request of the chain: exit 130/143, no report, no statement after the cleanup's DROP, nothing left behind`, async () => {
    const next = random(20261203);
    const points = new Set<number>();
    let scratchDropped = 0;
    for (let i = 0; i < INTERRUPTED; i++) {
      const signal = next() < 0.5 ? "SIGINT" : "SIGTERM";
      let at = 1 + Math.floor(next() * fullRunRequests);
      let before = statementRecords(emu.world).length;
      let sentSignal = false;
      const interruptedRun = async () => {
        requests = 0;
        onRequest = (n) => {
          if (n !== at || process.listenerCount(signal) === 0) return undefined;
          const seen = new Promise((resolve) => process.once(signal, resolve));
          sentSignal = true;
          process.kill(process.pid, signal);
          return seen;
        };
        const run = await runMain(["run", "--target", "endpoint", "--format", "json"]);
        onRequest = () => undefined;
        return run;
      };
      let result = await interruptedRun();
      if (!sentSignal) {
        at = Math.min(at, requests);
        before = statementRecords(emu.world).length;
        result = await interruptedRun();
      }
      const sent = statementsSince(before);
      const where = `run ${i} (${signal} at request ${at} of ${fullRunRequests})`;
      points.add(at);
      expect([where, result.code, result.stdout]).toEqual([where, signal === "SIGINT" ? 130 : 143, ""]);
      expect(result.stderr, where).toBe(
        `chaincheck: ${signal}; removing what this run created, then stopping\n`,
      );
      const created = sent.flatMap(
        (sql) => /^create table (?:if not exists )?(\S+) \(like/.exec(sql)?.[1] ?? [],
      );
      const dropped = sent.flatMap((sql) => /^drop table if exists (\S+)$/.exec(sql)?.[1] ?? []);
      expect(
        dropped.filter((t) => !created.includes(t)),
        where,
      ).toEqual([]);
      for (const table of created) expect(dropped, `${where}: ${table}`).toContain(table);
      if (created.length > 0) scratchDropped++;
      const lastDrop = sent.findLastIndex((sql) => sql.startsWith("drop table if exists"));
      if (lastDrop >= 0) expect(sent.slice(lastDrop + 1), where).toEqual([]);
      expect(pendingCleanups(), where).toEqual([]);
    }
    expect(points.size).toBeGreaterThan(fullRunRequests / 3);
    expect(scratchDropped).toBeGreaterThan(0);
    const left = await runMain(["run", "--target", "endpoint", "--format", "json"]);
    expect(left.code).toBe(0);
    const tables = [...statementRecords(emu.world)]
      .map((r) => r.subs[0]?.sql ?? "")
      .filter((sql) => sql.startsWith("create table") || sql.startsWith("drop table"));
    const open = new Set<string>();
    for (const sql of tables) {
      const name = /^(?:create table (?:if not exists )?|drop table if exists )(\S+)/.exec(
        sql,
      )?.[1] as string;
      if (sql.startsWith("create")) open.add(name);
      else open.delete(name);
    }
    expect([...open]).toEqual([]);
  }, 900_000);
});
