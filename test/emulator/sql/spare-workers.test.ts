// Spare SQL workers (emulator/sql/worker-host.ts): a worker whose database ended normally is kept,
// at most two per process, for the next database, which must see nothing of the one before.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { createSqlEngine } from "../../../emulator/sql/sql-engine.ts";
import type { DatabaseSeed } from "../../../emulator/sql/types.ts";
import { endSpareWorkers, spareWorkerIds } from "../../../emulator/sql/worker-host.ts";

const seed: DatabaseSeed = {
  masterUser: "awsuser",
  users: [],
  initSql: ["CREATE TABLE kept (x int)", "INSERT INTO kept VALUES (1)"],
};
const key = (clusterId: string) => ({ account: "222222222222", clusterId, database: "dev" });

beforeEach(async () => {
  await endSpareWorkers();
});
afterAll(async () => {
  await endSpareWorkers();
});

describe("spare SQL workers", () => {
  test("the next database runs on the spare thread and sees nothing of the database before", async () => {
    const first = createSqlEngine();
    const a = await first.database(key("spare"), seed);
    await a.execute("CREATE TABLE leaked (x int)", { user: "awsuser" });
    await a.adminExecute("CREATE ROLE leaked_role");
    await a.execute("INSERT INTO kept VALUES (2)", { user: "awsuser" });
    await first.close();
    const [thread] = spareWorkerIds();
    expect(spareWorkerIds()).toHaveLength(1);

    const second = createSqlEngine();
    const b = await second.database(key("spare"), seed);
    expect(spareWorkerIds()).toEqual([]);
    expect((await b.execute("SELECT to_regclass('public.leaked')::text", { user: "awsuser" })).rows).toEqual([
      [null],
    ]);
    expect(
      (await b.adminExecute("SELECT count(*)::int FROM pg_catalog.pg_roles WHERE rolname = 'leaked_role'"))
        .rows,
    ).toEqual([[0]]);
    expect((await b.execute("SELECT x FROM kept ORDER BY x", { user: "awsuser" })).rows).toEqual([[1]]);
    await second.close();
    expect(spareWorkerIds()).toEqual([thread]);
  });

  test("a worker stopped by a cancelled statement is terminated, not kept", async () => {
    const engine = createSqlEngine();
    const db = await engine.database(key("cancelled"), seed);
    const controller = new AbortController();
    const running = db.execute("SELECT count(*) FROM generate_series(1, 1000000000)", {
      user: "awsuser",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toThrow(/cancelled on user's request/);
    expect(spareWorkerIds()).toEqual([]);
    await engine.close();
    expect(spareWorkerIds()).toEqual([]);
  });

  test("at most two are kept: a third database's thread ends with it", async () => {
    const engines = [createSqlEngine(), createSqlEngine(), createSqlEngine()];
    await Promise.all(engines.map((e, i) => e.database(key(`three-${i}`), seed)));
    await Promise.all(engines.map((e) => e.close()));
    expect(spareWorkerIds()).toHaveLength(2);
  });
});
