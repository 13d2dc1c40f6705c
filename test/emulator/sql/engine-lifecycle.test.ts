import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqlError } from "../../../emulator/sql/index.ts";
import { createSqlEngine, type SqlEngine } from "../../../emulator/sql/sql-engine.ts";
import { ensureTemplate } from "../../../emulator/sql/template.ts";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const seed = {
  masterUser: "awsuser",
  users: [],
  initSql: ["CREATE TABLE kept (x int)", "INSERT INTO kept VALUES (1)"],
};
let engine: SqlEngine;

beforeAll(() => {
  engine = createSqlEngine({ maxWorkers: 1 });
});

afterAll(async () => {
  await engine?.close();
});

describe("cancellation", () => {
  it("aborts a running statement with Redshift's cancel text and serves the next call from the seed", async () => {
    const db = await engine.database({ account: "222222222222", clusterId: "cancel", database: "dev" }, seed);
    await db.execute("INSERT INTO kept VALUES (2)", { user: "awsuser" });
    const controller = new AbortController();
    const running = db.execute("SELECT count(*) FROM generate_series(1, 1000000000)", {
      user: "awsuser",
      signal: controller.signal,
    });
    const queued = db.execute("SELECT 1", { user: "awsuser", signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlError);
    expect((error as SqlError).message).toMatch(/^ERROR: Query \(\d+\) cancelled on user's request$/);
    expect((error as SqlError).code).toBe("57014");
    await expect(queued).rejects.toThrow(/cancelled on user's request/);
    const after = await db.execute("SELECT x FROM kept ORDER BY x", { user: "awsuser" });
    expect(after.rows).toEqual([[1]]);
  });

  it("restores from a checkpoint when one was taken", async () => {
    const db = await engine.database({ account: "222222222222", clusterId: "cancel", database: "dev" }, seed);
    await db.execute("INSERT INTO kept VALUES (3)", { user: "awsuser" });
    await db.checkpoint();
    const controller = new AbortController();
    controller.abort();
    await expect(db.execute("SELECT 1", { user: "awsuser", signal: controller.signal })).rejects.toThrow(
      /cancelled on user's request/,
    );
    const running = new AbortController();
    const call = db.execute("SELECT count(*) FROM generate_series(1, 1000000000)", {
      user: "awsuser",
      signal: running.signal,
    });
    setTimeout(() => running.abort(), 200);
    await expect(call).rejects.toThrow(/cancelled on user's request/);
    expect((await db.execute("SELECT x FROM kept ORDER BY x", { user: "awsuser" })).rows).toEqual([[1], [3]]);
  });
});

describe("maxWorkers", () => {
  it("hibernates the idle database to open another and wakes it with its data", async () => {
    const first = await engine.database(
      { account: "222222222222", clusterId: "cancel", database: "dev" },
      seed,
    );
    const second = await engine.database(
      { account: "222222222222", clusterId: "second", database: "dev" },
      seed,
    );
    expect([first.live, second.live]).toEqual([false, true]);
    await second.execute("INSERT INTO kept VALUES (42)", { user: "awsuser" });
    expect((await first.execute("SELECT x FROM kept ORDER BY x", { user: "awsuser" })).rows).toEqual([
      [1],
      [3],
    ]);
    expect([first.live, second.live]).toEqual([true, false]);
    expect((await second.execute("SELECT x FROM kept ORDER BY x", { user: "awsuser" })).rows).toEqual([
      [1],
      [42],
    ]);
  });
});

describe("template", () => {
  it("shares one build between concurrent first calls and caches it as one file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chaincheck-template-"));
    try {
      const [a, b] = await Promise.all([ensureTemplate(dir), ensureTemplate(dir)]);
      expect(a).toBe(b);
      expect((await readdir(dir)).filter((f) => f.endsWith(".tar"))).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("process lifetime", () => {
  it("runs under plain Node through bin/run-ts.js and exits once the engine is closed", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["bin/run-ts.js", "test/emulator/sql/fixtures/engine-round-trip.ts"],
      { cwd: repo, timeout: 60_000 },
    );
    expect(stdout.trim()).toBe('[["IAM:probe",42]]');
  });
});

describe("seeding, sent to the worker in one go", () => {
  it("names the first step that failed in the order sent: the init SQL before a grant that would fail too", async () => {
    const error = await engine
      .database(
        { account: "222222222222", clusterId: "bad-seed", database: "dev" },
        {
          masterUser: "awsuser",
          users: [],
          initSql: ["CREATE TABLE made (x int)", "INSERT INTO missing VALUES (1)"],
          grants: [{ to: "nobody_here", privileges: ["SELECT"], on: "table public.made" }],
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'seeding bad-seed/dev failed at initSql: ERROR: relation "missing" does not exist',
    );
  });

  it("reports a bad grant as the grants step once the init SQL ran", async () => {
    const error = await engine
      .database(
        { account: "222222222222", clusterId: "bad-grant", database: "dev" },
        {
          masterUser: "awsuser",
          users: [],
          initSql: ["CREATE TABLE made (x int)"],
          grants: [{ to: "nobody_here", privileges: ["SELECT"], on: "table public.made" }],
        },
      )
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'seeding bad-grant/dev failed at grants: ERROR: role "nobody_here" does not exist',
    );
  });
});
