import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../emulator/sql/database.ts";
import { ParameterError } from "../../../emulator/sql/index.ts";
import { createSqlEngine, type SqlEngine } from "../../../emulator/sql/sql-engine.ts";
import type { DatabaseSeed } from "../../../emulator/sql/types.ts";
import { sqlFailure } from "./sql-failure.ts";

const seed: DatabaseSeed = {
  masterUser: "awsuser",
  masterPassword: "Master-Passw0rd",
  groups: ["readers"],
  users: [
    { name: "IAM:app_user", password: "App-Passw0rd" },
    { name: "IAMR:LoaderRole", groups: ["readers"] },
    { name: "IAM:nobody" },
  ],
  initSql: [
    `CREATE TABLE public.orders (
       id BIGINT IDENTITY(1, 1),
       customer VARCHAR(MAX) ENCODE zstd NOT NULL,
       amount DECIMAL(10, 2),
       created TIMESTAMP DEFAULT GETDATE()
     ) DISTSTYLE KEY DISTKEY(customer) COMPOUND SORTKEY(id, created)`,
    "INSERT INTO orders (customer, amount) VALUES ('acme', 10.50), ('globex', 99.00)",
    "CREATE TABLE public.staging (id INT, name VARCHAR(20) NOT NULL)",
    "CREATE SCHEMA finance; CREATE TABLE finance.ledger (x INT)",
  ],
  grants: [
    { to: "IAM:app_user", privileges: ["USAGE"], on: "schema public" },
    { to: "IAM:app_user", privileges: ["SELECT"], on: "table public.orders" },
    { to: "group readers", privileges: ["SELECT", "INSERT"], on: "all tables in schema public" },
    { to: "IAMR:LoaderRole", privileges: ["CREATE"], on: "database dev" },
  ],
};

let engine: SqlEngine;
let db: Database;
let other: Database;

const as = (user: string) => ({ user });

beforeAll(async () => {
  engine = createSqlEngine({ maxWorkers: 2 });
  [db, other] = await Promise.all([
    engine.database({ account: "222222222222", clusterId: "analytics", database: "dev" }, seed),
    engine.database(
      { account: "222222222222", clusterId: "other", database: "dev" },
      { masterUser: "admin", users: [], initSql: ["CREATE TABLE only_here (x int)"] },
    ),
  ]);
});

afterAll(async () => {
  await engine?.close();
});

describe("grants", () => {
  it("lets a user read a table it was granted SELECT on, as that user", async () => {
    const r = await db.execute(
      "SELECT customer, amount, current_user FROM orders ORDER BY id",
      as("IAM:app_user"),
    );
    expect(r.rows).toEqual([
      ["acme", "10.50", "IAM:app_user"],
      ["globex", "99.00", "IAM:app_user"],
    ]);
    expect(r.columns.map((c) => [c.name, c.typeName, c.nullable, c.tableName])).toEqual([
      ["customer", "varchar", 0, "orders"],
      ["amount", "numeric", 1, "orders"],
      ["current_user", "name", 2, ""],
    ]);
  });

  it("answers Redshift's permission text when the user lacks SELECT", async () => {
    const error = await sqlFailure(db.execute("SELECT * FROM staging", as("IAM:app_user")));
    expect(error.message).toBe("ERROR: permission denied for relation staging");
    expect(error.code).toBe("42501");
  });

  it("answers the schema permission text when the user lacks USAGE", async () => {
    const error = await sqlFailure(db.execute("SELECT * FROM finance.ledger", as("IAM:app_user")));
    expect(error.message).toBe("ERROR: permission denied for schema finance");
  });

  it("applies grants made to a group to its members", async () => {
    const r = await db.execute("INSERT INTO staging VALUES (1, 'via group')", as("IAMR:LoaderRole"));
    expect([r.command, r.rowCount]).toEqual(["INSERT", 1]);
  });

  it("refuses INSERT to a user granted only SELECT", async () => {
    const error = await sqlFailure(
      db.execute("INSERT INTO orders (customer) VALUES ('x')", as("IAM:app_user")),
    );
    expect(error.message).toBe("ERROR: permission denied for relation orders");
  });
});

describe("big results", () => {
  it("returns every row of a result larger than one worker message, in order, with its byte count", async () => {
    const r = await db.execute(
      "SELECT g, repeat('x', g % 3) AS pad FROM generate_series(1, 12345) g",
      as("IAM:app_user"),
    );
    expect(r.rows).toHaveLength(12345);
    expect(r.rows[0]).toEqual([1, "x"]);
    expect(r.rows[2001]).toEqual([2002, "x"]);
    expect(r.rows[12344]).toEqual([12345, ""]);
    const expectedBytes = r.rows.reduce((n, [g, pad]) => n + String(g).length + String(pad).length, 0);
    expect(r.textBytes).toBe(expectedBytes);
  });
});

describe("Redshift system views and syntax", () => {
  it("lists the tables the user may read in svv_table_info with their row counts", async () => {
    const r = await db.execute(
      `SELECT database, schema, "table", tbl_rows FROM svv_table_info ORDER BY "table"`,
      as("IAM:app_user"),
    );
    expect(r.rows).toEqual([["dev", "public", "orders", "2"]]);
  });

  it("runs SELECT TOP n as a limit", async () => {
    const r = await db.execute("SELECT TOP 1 customer FROM orders ORDER BY id DESC", as("IAM:app_user"));
    expect(r.rows).toEqual([["globex"]]);
  });
});

describe("database names", () => {
  it("names the database as the setup does, in current_database() and in permission errors", async () => {
    const r = await db.execute("SELECT current_database()", as("IAM:app_user"));
    expect(r.rows).toEqual([["dev"]]);
    const err = await sqlFailure(db.execute("CREATE SCHEMA scratch", as("IAM:app_user")));
    expect(err.message).toBe("ERROR: permission denied for database dev");
  });

  it("applies a CREATE grant on the database to the user it names", async () => {
    const r = await db.execute("CREATE SCHEMA loader_scratch", as("IAMR:LoaderRole"));
    expect(r.command).toBe("CREATE SCHEMA");
  });
});

describe("errors in Redshift's wording", () => {
  it("names a missing relation as written, qualified or not", async () => {
    expect((await sqlFailure(db.execute("SELECT * FROM missing_table", as("awsuser")))).message).toBe(
      'ERROR: relation "missing_table" does not exist',
    );
    expect((await sqlFailure(db.execute("SELECT * FROM public.missing_table", as("awsuser")))).message).toBe(
      'ERROR: relation "public.missing_table" does not exist',
    );
  });

  it("reports a syntax error with context, line and the position in the caller's SQL", async () => {
    const error = await sqlFailure(
      db.execute("SELECT id FROM orders WHERE customer = :name AND id = :", {
        user: "awsuser",
        parameters: [{ name: "name", value: "acme" }],
      }),
    );
    expect(error.message).toBe(
      'ERROR: syntax error at or near ":" in context "customer = :name AND id = :", at line 1\n  Position: 55',
    );
    expect([error.code, error.position]).toEqual(["42601", 55]);
  });

  it("answers FATAL user does not exist for an unknown user", async () => {
    const error = await sqlFailure(db.execute("SELECT 1", as("IAM:ghost")));
    expect(error.message).toBe('FATAL: user "IAM:ghost" does not exist');
    expect(error.code).toBe("28000");
  });

  it("treats a group as not a login user", async () => {
    expect((await sqlFailure(db.execute("SELECT 1", as("readers")))).message).toBe(
      'FATAL: user "readers" does not exist',
    );
  });
});

describe("identity", () => {
  it.each([
    ["SET ROLE awsuser", "ERROR: permission denied to set role"],
    ["set local role awsuser", "ERROR: permission denied to set role"],
    ["RESET ROLE", "ERROR: permission denied to set role"],
    ['SET SESSION AUTHORIZATION "awsuser"', "ERROR: permission denied to set session authorization"],
    ["SET session_authorization = 'awsuser'", "ERROR: permission denied to set session authorization"],
    ["RESET SESSION AUTHORIZATION", "ERROR: permission denied to set session authorization"],
    ["RESET ALL", "ERROR: permission denied to reset all parameters"],
    [
      "DISCARD TEMP",
      'ERROR: syntax error at or near "DISCARD" in context "DISCARD", at line 1\n  Position: 1',
    ],
  ])("refuses %s", async (sql, message) => {
    expect((await sqlFailure(db.execute(sql, as("IAM:app_user")))).message).toBe(message);
  });

  it("refuses set_config as a way around the guard", async () => {
    const error = await sqlFailure(
      db.execute("SELECT set_config('session_authorization', 'awsuser', false)", as("IAM:app_user")),
    );
    expect(error.message).toBe("ERROR: permission denied for function set_config");
  });

  it("rolls back a procedure that switches identity from inside and reports it", async () => {
    await db.execute(
      `CREATE PROCEDURE public.escape() LANGUAGE plpgsql AS $$
       BEGIN EXECUTE 'SET SESSION AUTHORIZATION ' || 'awsuser'; EXECUTE 'DROP TABLE public.orders'; END $$`,
      as("IAM:app_user"),
    );
    const error = await sqlFailure(db.execute("CALL public.escape()", as("IAM:app_user")));
    expect(error.code).toBe("42501");
    const r = await db.execute("SELECT count(*) FROM orders", as("awsuser"));
    expect(r.rows).toEqual([[2]]);
  });

  it("does not carry session settings from one call to the next", async () => {
    await db.execute("SET timezone TO 'Asia/Tokyo'", as("IAM:app_user"));
    const r = await db.execute("SHOW timezone", as("IAM:app_user"));
    expect(r.rows).toEqual([["UTC"]]);
  });
});

describe("Redshift dialect", () => {
  it("runs CREATE TABLE with DISTKEY, SORTKEY, ENCODE, VARCHAR(MAX) and IDENTITY", async () => {
    await db.execute(
      `CREATE TABLE public.events (id INT IDENTITY(10, 5), body VARCHAR(MAX) ENCODE lzo SORTKEY, kind CHAR(3) DISTKEY)
       DISTSTYLE KEY INTERLEAVED SORTKEY (kind, body) BACKUP NO`,
      as("awsuser"),
    );
    await db.execute("INSERT INTO events (body, kind) VALUES ('a', 'x'), ('b', 'y')", as("awsuser"));
    const r = await db.execute("SELECT id, body FROM events ORDER BY id", as("awsuser"));
    expect(r.rows).toEqual([
      [10, "a"],
      [15, "b"],
    ]);
    const error = await sqlFailure(
      db.execute("INSERT INTO events (id, body) VALUES (1, 'c')", as("awsuser")),
    );
    expect(error.message).toBe('ERROR: cannot insert a non-DEFAULT value into column "id"');
  });

  it("provides NVL, NVL2, LEN, DECODE, DATEADD, DATEDIFF, CONVERT_TIMEZONE and LISTAGG", async () => {
    const r = await db.execute(
      `SELECT NVL(NULL, 'fallback'), NVL2(NULL, 'set', 'unset'), LEN('abc'),
              DECODE(2, 1, 'one', 2, 'two', 'other'),
              DATEADD(day, 7, '2024-01-01'), DATEADD(month, 1, '2024-01-31'::date),
              DATEDIFF(day, '2024-01-01 23:59', '2024-01-02 00:01'), DATEDIFF(week, '2009-01-01', '2009-12-31'),
              CONVERT_TIMEZONE('UTC', 'Asia/Tokyo', '2024-01-01 12:00:00'),
              (SELECT LISTAGG(customer, ',') WITHIN GROUP (ORDER BY customer DESC) FROM orders)`,
      as("awsuser"),
    );
    expect(r.rows[0]).toEqual([
      "fallback",
      "unset",
      3,
      "two",
      "2024-01-08 00:00:00",
      "2024-02-29 00:00:00",
      1,
      52,
      "2024-01-01 21:00:00",
      "globex,acme",
    ]);
  });

  it("answers GETDATE() and SYSDATE as UTC timestamps without and with fractions", async () => {
    const r = await db.execute("SELECT GETDATE(), SYSDATE", as("awsuser"));
    expect(r.columns.map((c) => c.typeName)).toEqual(["timestamp", "timestamp"]);
    expect(String(r.rows[0][0])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });
});

describe("parameters", () => {
  it("binds named parameters as strings the backend types from context", async () => {
    const r = await db.execute("SELECT customer FROM orders WHERE id = :id OR customer = :name ORDER BY id", {
      user: "IAM:app_user",
      parameters: [
        { name: "id", value: "1" },
        { name: "name", value: "globex" },
      ],
    });
    expect(r.rows).toEqual([["acme"], ["globex"]]);
  });

  it("rejects an unused parameter before running anything", async () => {
    await expect(
      db.execute("SELECT 1", { user: "IAM:app_user", parameters: [{ name: "id", value: "1" }] }),
    ).rejects.toThrow(
      new ParameterError("Parameters list contains unused parameters. Unused parameters: [id]"),
    );
  });
});

describe("executeBatch", () => {
  it("commits every statement together", async () => {
    const results = await db.executeBatch(
      [
        "INSERT INTO staging VALUES (2, 'b1')",
        "INSERT INTO staging VALUES (3, 'b2')",
        "SELECT count(*) FROM staging",
      ],
      as("awsuser"),
    );
    expect(results.map((r) => r.command)).toEqual(["INSERT", "INSERT", "SELECT"]);
    expect(results[2].rows[0][0]).toBeGreaterThanOrEqual(2);
  });

  it("rolls back every statement and names the one that failed", async () => {
    const before = (await db.execute("SELECT count(*) FROM staging", as("awsuser"))).rows[0][0];
    const error = await sqlFailure(
      db.executeBatch(
        ["INSERT INTO staging VALUES (10, 'kept?')", "BEGIN", "INSERT INTO missing VALUES (1)"],
        as("awsuser"),
      ),
    );
    expect([error.message, error.statementIndex]).toEqual(['ERROR: relation "missing" does not exist', 2]);
    expect((await db.execute("SELECT count(*) FROM staging", as("awsuser"))).rows[0][0]).toBe(before);
  });
});

describe("copyFromBlob", () => {
  it("loads CSV rows as the user and returns the count", async () => {
    const r = await db.copyFromBlob({
      user: "IAMR:LoaderRole",
      table: { schema: "public", name: "staging" },
      columns: ["id", "name"],
      data: '100,alpha\n101,beta\n102,"gamma, delta"\n',
    });
    expect(r.rowsLoaded).toBe(3);
    const rows = await db.execute("SELECT name FROM staging WHERE id >= 100 ORDER BY id", as("awsuser"));
    expect(rows.rows).toEqual([["alpha"], ["beta"], ["gamma, delta"]]);
  });

  it("refuses a load into a table the user may not insert into, and loads nothing", async () => {
    const error = await sqlFailure(
      db.copyFromBlob({ user: "IAM:app_user", table: { name: "staging" }, data: "200,x\n" }),
    );
    expect(error.message).toBe("ERROR: permission denied for relation staging");
    const rows = await db.execute("SELECT count(*) FROM staging WHERE id = 200", as("awsuser"));
    expect(rows.rows).toEqual([[0]]);
  });

  it("loads exactly the bytes of a Buffer that is a view into Node's shared pool", async () => {
    const pooled = Buffer.from("xxxx400,pooled\nyyyy");
    const r = await db.copyFromBlob({
      user: "IAMR:LoaderRole",
      table: { name: "staging" },
      columns: ["id", "name"],
      data: pooled.subarray(4, pooled.length - 4),
    });
    expect(r.rowsLoaded).toBe(1);
    const rows = await db.execute("SELECT name FROM staging WHERE id = 400", as("awsuser"));
    expect(rows.rows).toEqual([["pooled"]]);
  });

  it("reports a bad row with Postgres' COPY context and loads none of the rows", async () => {
    const error = await sqlFailure(
      db.copyFromBlob({ user: "awsuser", table: { name: "staging" }, data: "300,ok\nnot-a-number,bad\n" }),
    );
    expect(error.message).toBe('ERROR: invalid input syntax for type integer: "not-a-number"');
    expect(error.where).toBe('COPY staging, line 2, column id: "not-a-number"');
    expect((await db.execute("SELECT count(*) FROM staging WHERE id = 300", as("awsuser"))).rows).toEqual([
      [0],
    ]);
  });

  it("never leaves the user able to read server files afterwards", async () => {
    const error = await sqlFailure(db.execute("COPY staging FROM '/dev/blob'", as("IAMR:LoaderRole")));
    expect(error.message).toBe("ERROR: permission denied to COPY from a file");
  });
});

describe("system tables", () => {
  it("shows each user only its own stl_load_errors and sys_load_error_detail rows", async () => {
    for (const user of ["IAM:app_user", "IAMR:LoaderRole"]) {
      await db.adminExecute(
        `INSERT INTO stl_load_errors (userid, filename, line_number, colname, err_code, err_reason)
         SELECT oid::int, 's3://bucket/key', 2, 'id', 1207, 'Invalid digit' FROM pg_roles WHERE rolname = $1`,
        [user],
      );
      await db.adminExecute(
        `INSERT INTO sys_load_error_detail (user_id, file_name, error_code, error_message)
         SELECT oid::int, 's3://bucket/key', 1207, 'Invalid digit' FROM pg_roles WHERE rolname = $1`,
        [user],
      );
    }
    const mine = await db.execute(
      "SELECT trim(filename), err_code, trim(err_reason) FROM stl_load_errors",
      as("IAMR:LoaderRole"),
    );
    expect(mine.rows).toEqual([["s3://bucket/key", 1207, "Invalid digit"]]);
    const detail = await db.execute(
      "SELECT trim(database_name), error_code FROM sys_load_error_detail",
      as("IAM:app_user"),
    );
    expect(detail.rows).toEqual([["dev", 1207]]);
    const all = await db.execute("SELECT count(*) FROM stl_load_errors", as("awsuser"));
    expect(all.rows).toEqual([[2]]);
  });
});

describe("catalog helpers", () => {
  it("lists schemas, tables and columns as the calling user sees them", async () => {
    expect(await db.listSchemas({ user: "IAM:app_user", pattern: "pub%" })).toEqual(["public"]);
    const tables = await db.listTables({
      user: "IAM:app_user",
      schemaPattern: "public",
      tablePattern: "ord%",
    });
    expect(tables).toEqual([{ schema: "public", name: "orders", type: "TABLE" }]);
    const columns = await db.describeTable({ user: "awsuser", schema: "public", table: "staging" });
    expect(columns.map((c) => [c.name, c.typeName, c.nullable, c.length])).toEqual([
      ["id", "int4", 1, 0],
      ["name", "varchar", 0, 20],
    ]);
  });
});

describe("authenticate", () => {
  it("accepts the seeded password and refuses a wrong one or a missing user", async () => {
    await expect(db.authenticate("IAM:app_user", "App-Passw0rd")).resolves.toBeUndefined();
    const wrong = await sqlFailure(db.authenticate("IAM:app_user", "nope"));
    expect(wrong.message).toBe('FATAL: password authentication failed for user "IAM:app_user"');
    expect(wrong.message).not.toContain("App-Passw0rd");
    expect((await sqlFailure(db.authenticate("IAM:ghost", "x"))).message).toBe(
      'FATAL: user "IAM:ghost" does not exist',
    );
  });
});

describe("isolation", () => {
  it("keeps two databases apart", async () => {
    expect((await other.execute("SELECT count(*) FROM only_here", as("admin"))).rows).toEqual([[0]]);
    expect((await sqlFailure(db.execute("SELECT * FROM only_here", as("awsuser")))).message).toBe(
      'ERROR: relation "only_here" does not exist',
    );
    expect((await sqlFailure(other.execute("SELECT 1", as("awsuser")))).message).toBe(
      'FATAL: user "awsuser" does not exist',
    );
  });

  it("returns the same database for the same key", async () => {
    const again = await engine.database(
      { account: "222222222222", clusterId: "analytics", database: "dev" },
      seed,
    );
    expect(again).toBe(db);
  });
});
