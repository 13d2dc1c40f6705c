import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../emulator/sql/database.ts";
import { createSqlEngine, type SqlEngine } from "../../../emulator/sql/sql-engine.ts";
import { sqlFailure } from "./sql-failure.ts";

let engine: SqlEngine;
let db: Database;

const inSession = (session: string, user = "awsuser") => ({ user, session });
const plain = { user: "awsuser" };

beforeAll(async () => {
  engine = createSqlEngine({ maxWorkers: 1 });
  db = await engine.database(
    { account: "222222222222", clusterId: "sessions", database: "dev" },
    { masterUser: "awsuser", users: [{ name: "IAM:other" }], initSql: ["CREATE TABLE public.t (x int)"] },
  );
});

afterAll(() => engine.close());

describe("Database sessions", () => {
  it("keeps a session's temp table for its later calls and hides it from other sessions and plain calls", async () => {
    await db.execute("CREATE TEMP TABLE stage (id int PRIMARY KEY, n serial)", inSession("a"));
    await db.execute("INSERT INTO stage (id) VALUES (1), (2)", inSession("a"));
    await db.execute("CREATE TEMP TABLE stage (id int PRIMARY KEY, n serial)", inSession("b"));
    await db.execute("INSERT INTO stage (id) VALUES (7)", inSession("b"));
    expect((await db.execute("SELECT count(*) FROM stage", inSession("a"))).rows).toEqual([[2]]);
    expect((await db.execute("SELECT id FROM stage", inSession("b"))).rows).toEqual([[7]]);
    expect((await sqlFailure(db.execute("SELECT * FROM stage", plain))).message).toBe(
      'ERROR: relation "stage" does not exist',
    );
    expect((await db.execute("SELECT count(*) FROM stage", inSession("a"))).rows).toEqual([[2]]);
  });

  it("lists no other session's temp table in ListTables", async () => {
    await db.execute("CREATE TEMP TABLE listed_nowhere (x int)", inSession("l"));
    const tables = await db.listTables({ user: "awsuser" });
    expect(tables.map((t) => t.name)).toEqual(["t"]);
  });

  it("keeps a session's SET for its later calls only", async () => {
    await db.execute("SET timezone TO 'Asia/Tokyo'", inSession("c"));
    await db.execute("SELECT 1", plain);
    expect((await db.execute("SHOW timezone", inSession("c"))).rows).toEqual([["Asia/Tokyo"]]);
    expect((await db.execute("SHOW timezone", inSession("d"))).rows).toEqual([["UTC"]]);
    expect((await db.execute("SHOW timezone", plain)).rows).toEqual([["UTC"]]);
  });

  it("drops a plain call's temp table when the call ends, with sessions live", async () => {
    await db.execute("CREATE TEMP TABLE once (x int)", plain);
    await db.execute("CREATE TEMP TABLE once (x int)", plain);
    expect((await sqlFailure(db.execute("SELECT * FROM once", plain))).message).toBe(
      'ERROR: relation "once" does not exist',
    );
  });

  it("runs a transaction across a session's calls and holds other calls until it commits", async () => {
    await db.execute("BEGIN", inSession("e"));
    await db.execute("INSERT INTO public.t VALUES (41)", inSession("e"));
    expect(db.heldBy).toBe("e");
    const waiting = db.execute("SELECT count(*) FROM public.t WHERE x = 41", plain);
    await db.execute("INSERT INTO public.t VALUES (41)", inSession("e"));
    await db.execute("COMMIT", inSession("e"));
    expect((await waiting).rows).toEqual([[2]]);
    expect(db.heldBy).toBeUndefined();
  });

  it("cancels a call waiting on a session's open transaction without running it", async () => {
    await db.execute("BEGIN", inSession("w"));
    const abort = new AbortController();
    const waiting = sqlFailure(
      db.execute("INSERT INTO public.t VALUES (77)", { ...plain, signal: abort.signal }),
    );
    abort.abort();
    expect((await waiting).code).toBe("57014");
    await db.execute("COMMIT", inSession("w"));
    expect((await db.execute("SELECT count(*) FROM public.t WHERE x = 77", plain)).rows).toEqual([[0]]);
  });

  it("rolls back an open transaction when its session ends, and forgets its temp tables", async () => {
    await db.execute("CREATE TEMP TABLE gone (x int)", inSession("f"));
    await db.execute("BEGIN", inSession("f"));
    await db.execute("INSERT INTO public.t VALUES (99)", inSession("f"));
    await db.endSession("f");
    expect((await db.execute("SELECT count(*) FROM public.t WHERE x = 99", plain)).rows).toEqual([[0]]);
    expect((await sqlFailure(db.execute("SELECT * FROM gone", inSession("f")))).message).toBe(
      'ERROR: relation "gone" does not exist',
    );
  });

  it("keeps a failed statement's transaction aborted until the session rolls back", async () => {
    await db.execute("BEGIN", inSession("g"));
    await sqlFailure(db.execute("SELECT 1/0", inSession("g")));
    expect((await sqlFailure(db.execute("SELECT 1", inSession("g")))).message).toBe(
      "ERROR: current transaction is aborted, commands ignored until end of transaction block",
    );
    await db.execute("ROLLBACK", inSession("g"));
    expect((await db.execute("SELECT 1", inSession("g"))).rows).toEqual([[1]]);
  });

  it("runs a session's statements as its own database user", async () => {
    expect((await db.execute("SELECT current_user::text", inSession("h", "IAM:other"))).rows).toEqual([
      ["IAM:other"],
    ]);
    expect((await db.execute("SELECT current_user::text", plain)).rows).toEqual([["awsuser"]]);
  });
});
