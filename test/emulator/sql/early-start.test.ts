// The SQL engine's early start (emulator/sql/early-start.js): `chaincheck run` starts the first
// database's worker, and loads the template the last run opened first, before the CLI loads. These
// tests drive it in-process as bin/chaincheck.js does, against the real SQL engine and worker.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, test } from "vitest";
import {
  endSqlEarly,
  rememberFirstOpen,
  startSqlEarly,
  takeEarlyWorker,
} from "../../../emulator/sql/early-start.js";
import { createSqlEngine } from "../../../emulator/sql/index.ts";
import { DEFAULT_CACHE_DIR, ensureTemplate } from "../../../emulator/sql/template.ts";
import type { DatabaseSeed } from "../../../emulator/sql/types.ts";
import { endSpareWorkers } from "../../../emulator/sql/worker-host.ts";

const seed: DatabaseSeed = {
  masterUser: "awsuser",
  users: [{ name: "app_user" }],
  initSql: ['CREATE TABLE "public"."sales" ("id" integer)', "INSERT INTO public.sales VALUES (7)"],
  grants: [{ to: "app_user", privileges: ["SELECT"], on: "table public.sales" }],
};

const dirs: string[] = [];
function hintDir(hint?: { templatePath: string; database: string }): string {
  const dir = mkdtempSync(join(tmpdir(), "chaincheck-early-"));
  dirs.push(dir);
  if (hint) writeFileSync(join(dir, "early-open.json"), JSON.stringify(hint));
  return dir;
}

const exited = (worker: Worker) => new Promise<number>((resolve) => worker.once("exit", resolve));

afterEach(async () => {
  await endSqlEarly();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Opens `database` on a fresh engine (the default cache, as the CLI) and reads the seeded row as
 *  the seed's user, the way a Data API statement runs. */
async function openAndRead(database: string, clusterId: string): Promise<unknown[][]> {
  const engine = createSqlEngine();
  try {
    const db = await engine.database({ account: "222222222222", clusterId, database }, seed);
    const result = await db.execute("SELECT id FROM public.sales", { user: "app_user" });
    return result.rows;
  } finally {
    await engine.close();
  }
}

describe("early start of the SQL engine", () => {
  test("without an early start there is nothing to take and no hint is written", () => {
    const dir = hintDir();
    expect(takeEarlyWorker({ templatePath: "x", database: "dev" })).toBeUndefined();
    rememberFirstOpen(dir, { templatePath: "x", database: "dev" });
    expect(() => readFileSync(join(dir, "early-open.json"))).toThrow(/ENOENT/);
  });

  test("the engine's first database adopts the worker that loaded its template early", async () => {
    const templatePath = await ensureTemplate(DEFAULT_CACHE_DIR, "dev");
    const worker = startSqlEarly(hintDir({ templatePath, database: "dev" })) as Worker;
    expect(worker).toBeInstanceOf(Worker);
    // The engine's requests go to this very thread: its replies come back on it.
    let replies = 0;
    worker.on("message", () => {
      replies++;
    });
    const gone = exited(worker);
    // The seed ran on the early-loaded database: the row is there, readable as the seed's user.
    expect(await openAndRead("dev", "early-adopted")).toEqual([[7]]);
    expect(replies).toBeGreaterThanOrEqual(3);
    expect(takeEarlyWorker({ templatePath, database: "dev" })).toBeUndefined();
    // The engine's close released it as a spare worker (worker-host.ts); ending the spares ends it.
    expect(await endSpareWorkers()).toBeGreaterThanOrEqual(1);
    expect(await gone).toBeTypeOf("number");
  });

  test("an engine that wants another database terminates the early worker and loads its own", async () => {
    const templatePath = await ensureTemplate(DEFAULT_CACHE_DIR, "dev");
    const worker = startSqlEarly(hintDir({ templatePath, database: "analytics" })) as Worker;
    let replies = 0;
    worker.on("message", () => {
      replies++;
    });
    const code = exited(worker);
    expect(await openAndRead("dev", "early-mismatch")).toEqual([[7]]);
    expect(await code).toBeTypeOf("number");
    expect(replies).toBe(0);
  });

  test("a hint naming a tarball that is gone only costs the early load", async () => {
    const worker = startSqlEarly(hintDir({ templatePath: "/nonexistent/template.tar", database: "dev" }));
    const code = exited(worker as Worker);
    expect(await openAndRead("dev", "early-missing")).toEqual([[7]]);
    expect(await code).toBeTypeOf("number");
  });

  test("the first database opened after an early start is remembered once, atomically", () => {
    const dir = hintDir();
    startSqlEarly(dir);
    rememberFirstOpen(dir, { templatePath: "/cache/a.tar", database: "dev" });
    rememberFirstOpen(dir, { templatePath: "/cache/b.tar", database: "other" });
    expect(JSON.parse(readFileSync(join(dir, "early-open.json"), "utf8"))).toEqual({
      templatePath: "/cache/a.tar",
      database: "dev",
    });
  });

  test("endSqlEarly terminates a worker nobody took (a run on another target)", async () => {
    const worker = startSqlEarly(hintDir()) as Worker;
    const code = exited(worker);
    await endSqlEarly();
    expect(await code).toBeTypeOf("number");
    expect(takeEarlyWorker({ templatePath: "x", database: "dev" })).toBeUndefined();
  });
});

describe("the SQL worker's preopen", () => {
  /** One request to a bare worker, answered by id. */
  function ask(worker: Worker, id: number, request: object): Promise<{ ok: boolean; result?: unknown }> {
    return new Promise((resolve) => {
      const onMessage = (message: { id: number; ok: boolean; result?: unknown }) => {
        if (message.id !== id) return;
        worker.off("message", onMessage);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.postMessage({ id, ...request });
    });
  }

  test("an open of another template after a failed preopen loads that template", async () => {
    const templatePath = await ensureTemplate(DEFAULT_CACHE_DIR, "dev");
    const worker = new Worker(new URL("../../../emulator/sql/sql-worker.js", import.meta.url));
    try {
      worker.postMessage({ op: "preopen", templatePath: "/nonexistent/template.tar", database: "dev" });
      expect((await ask(worker, 1, { op: "open", templatePath, database: "dev" })).ok).toBe(true);
      const reply = await ask(worker, 2, { op: "admin", statement: { sql: "SELECT current_database()" } });
      expect(reply).toMatchObject({ ok: true, result: { results: [{ rows: [["dev"]] }] } });
    } finally {
      await worker.terminate();
    }
  });

  test("a preopen after the first request is ignored", async () => {
    const templatePath = await ensureTemplate(DEFAULT_CACHE_DIR, "dev");
    const worker = new Worker(new URL("../../../emulator/sql/sql-worker.js", import.meta.url));
    try {
      const opened = ask(worker, 1, { op: "open", templatePath, database: "dev" });
      worker.postMessage({ op: "preopen", templatePath: "/nonexistent/template.tar", database: "dev" });
      expect((await opened).ok).toBe(true);
      const reply = await ask(worker, 2, { op: "admin", statement: { sql: "SELECT 41 + 1" } });
      expect(reply).toMatchObject({ ok: true, result: { results: [{ rows: [["42"]] }] } });
    } finally {
      await worker.terminate();
    }
  });
});
