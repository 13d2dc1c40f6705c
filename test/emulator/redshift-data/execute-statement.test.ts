import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  DescribeTableCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ListDatabasesCommand,
  ListSchemasCommand,
  ListStatementsCommand,
  ListTablesCommand,
  type RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import type { CopyRequest } from "../../../emulator/redshift/index.ts";
import { chainRoleCredentials, dataClient, failure } from "../../support/clients.ts";
import { B, CLUSTER, REDSHIFT_ROLE_ARN, SEED } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { run, settled } from "./data-api-fixtures.ts";

let emu: RunningEmulator;
let client: RedshiftDataClient;
beforeAll(async () => {
  emu = await startEmulator({
    setup: seedWith({
      serverlessNamespaces: [{ account: B, region: "ap-northeast-1", name: "chaincheck-ns", dbName: "dev" }],
      serverlessWorkgroups: [
        {
          account: B,
          region: "ap-northeast-1",
          name: "chaincheck-wg",
          namespace: "chaincheck-ns",
          tags: { RedshiftDataFullAccess: "true" },
        },
      ],
      redshiftClusters: [
        {
          account: B,
          region: "ap-northeast-1",
          id: CLUSTER,
          dbUsers: [{ name: "app_user", password: "chaincheck-app-user-pw" }],
          databases: [
            {
              name: "dev",
              tables: [
                {
                  schema: "public",
                  name: "payroll",
                  owner: "awsuser",
                  columns: [{ name: "salary", type: "integer" }],
                  rows: [[100]],
                },
              ],
            },
          ],
        },
      ],
    }),
  });
  client = dataClient(emu, await chainRoleCredentials(emu));
});
afterAll(() => emu.stop());

const asAppUser = { DbUser: "app_user" };
const batch = (Sqls: string[]) =>
  client.send(
    new BatchExecuteStatementCommand({ ClusterIdentifier: CLUSTER, Database: "dev", ...asAppUser, Sqls }),
  );

describe("a SELECT through the Data API as app_user", () => {
  test("finishes and describes itself with AWS's field types", async () => {
    const sql = "SELECT id, region, amount FROM public.sales ORDER BY id";
    const out = await run(client, { ...asAppUser, Sql: sql });
    expect(out.Status).toBe("FINISHED");
    expect(out.Error).toBeUndefined();
    expect(out.QueryString).toBe(sql);
    expect(out.ClusterIdentifier).toBe(CLUSTER);
    expect(out.Database).toBe("dev");
    expect(out.DbUser).toBe("app_user");
    expect(out.HasResultSet).toBe(true);
    expect(out.ResultRows).toBe(1);
    expect(out.ResultSize).toBeGreaterThan(0);
    expect(out.Duration).toBeGreaterThan(0);
    expect(out.RedshiftQueryId).toBeGreaterThan(0);
    expect(out.RedshiftPid).toBeGreaterThan(0);
    expect(out.CreatedAt).toBeInstanceOf(Date);
    expect(out.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(out.CreatedAt!.getTime());
  });

  test("returns typed records and the column metadata", async () => {
    const out = await run(client, {
      ...asAppUser,
      Sql: "SELECT id, region, amount FROM public.sales ORDER BY id",
    });
    const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
    expect(result.TotalNumRows).toBe(1);
    expect(result.NextToken).toBeUndefined();
    expect(result.Records).toEqual([[{ longValue: 1 }, { stringValue: "tokyo" }, { stringValue: "120.50" }]]);
    expect(
      result.ColumnMetadata?.map((c) => [c.name, c.typeName, c.precision, c.scale, c.tableName]),
    ).toEqual([
      ["id", "int4", 10, 0, "sales"],
      ["region", "varchar", 32, 0, "sales"],
      ["amount", "numeric", 10, 2, "sales"],
    ]);
    expect(result.ColumnMetadata?.[0]).toMatchObject({
      isSigned: true,
      nullable: 1,
      length: 0,
      schemaName: "public",
    });
  });

  test("types booleans, doubles, big integers and NULL", async () => {
    const out = await run(client, {
      ...asAppUser,
      Sql: "SELECT 9007199254740::int8 AS big, 2.5::float8 AS ratio, true AS flag, NULL::varchar AS nothing",
    });
    const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
    expect(result.Records).toEqual([
      [{ longValue: 9007199254740 }, { doubleValue: 2.5 }, { booleanValue: true }, { isNull: true }],
    ]);
  });

  test("binds :name parameters", async () => {
    const out = await run(client, {
      ...asAppUser,
      Sql: "SELECT region FROM public.sales WHERE id = :id",
      Parameters: [{ name: "id", value: "1" }],
    });
    expect(out.QueryParameters).toEqual([{ name: "id", value: "1" }]);
    const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
    expect(result.Records).toEqual([[{ stringValue: "tokyo" }]]);
  });

  test("pages a large result with NextToken", async () => {
    const out = await run(client, {
      ...asAppUser,
      Sql: "SELECT n, repeat('x', 1000) AS filler FROM generate_series(1, 1500) AS n",
    });
    const first = await client.send(new GetStatementResultCommand({ Id: out.Id }));
    expect(first.TotalNumRows).toBe(1500);
    expect(first.NextToken).toBeDefined();
    const second = await client.send(
      new GetStatementResultCommand({ Id: out.Id, NextToken: first.NextToken }),
    );
    expect(second.NextToken).toBeUndefined();
    const ids = [...first.Records!, ...second.Records!].map((r) => r[0]?.longValue);
    expect(ids).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
  });
});

describe("statements that change data", () => {
  test("a CREATE TABLE / INSERT / SELECT round trip runs as app_user", async () => {
    const created = await run(client, {
      ...asAppUser,
      Sql: "CREATE TABLE public.round_trip (id integer, note varchar(20))",
    });
    expect(created.Status).toBe("FINISHED");
    expect(created.HasResultSet).toBe(false);
    const inserted = await run(client, {
      ...asAppUser,
      Sql: "INSERT INTO public.round_trip VALUES (1, 'a'), (2, 'b')",
    });
    expect(inserted.ResultRows).toBe(2);
    const selected = await run(client, {
      ...asAppUser,
      Sql: "SELECT note, current_user FROM public.round_trip ORDER BY id",
    });
    const result = await client.send(new GetStatementResultCommand({ Id: selected.Id }));
    expect(result.Records).toEqual([
      [{ stringValue: "a" }, { stringValue: "app_user" }],
      [{ stringValue: "b" }, { stringValue: "app_user" }],
    ]);
  });

  test("GetStatementResult on a statement without a result set answers ResourceNotFoundException", async () => {
    const out = await run(client, { ...asAppUser, Sql: "CREATE TABLE public.no_result (id integer)" });
    expect(await failure(client.send(new GetStatementResultCommand({ Id: out.Id })))).toEqual({
      name: "ResourceNotFoundException",
      message: "Query does not have result. Please check query status with DescribeStatement.",
      status: 400,
    });
  });
});

describe("a statement still running", () => {
  test("is not final right after ExecuteStatement and has no result yet", async () => {
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        ClusterIdentifier: CLUSTER,
        Database: "dev",
        ...asAppUser,
        Sql: "SELECT pg_sleep(1)",
      }),
    );
    const early = await client.send(new DescribeStatementCommand({ Id }));
    expect(["SUBMITTED", "PICKED", "STARTED"]).toContain(early.Status);
    expect(early.ResultRows).toBe(-1);
    expect(await failure(client.send(new GetStatementResultCommand({ Id })))).toEqual({
      name: "ResourceNotFoundException",
      message: "Query does not have result. Please check query status with DescribeStatement.",
      status: 400,
    });
    expect((await settled(client, Id!)).Status).toBe("FINISHED");
  });
});

describe("SQL errors end the statement FAILED with Redshift's text", () => {
  test("a missing relation", async () => {
    const out = await run(client, { ...asAppUser, Sql: "SELECT * FROM no_such_table" });
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe('ERROR: relation "no_such_table" does not exist');
  });

  test("a table app_user has no grant on", async () => {
    const out = await run(client, { ...asAppUser, Sql: "SELECT * FROM public.payroll" });
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe("ERROR: permission denied for relation payroll");
  });

  test("an unbound :name placeholder is a syntax error", async () => {
    const out = await run(client, { ...asAppUser, Sql: "SELECT * FROM sales WHERE id = :id" });
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe(
      'ERROR: syntax error at or near ":" in context "* FROM sales WHERE id = :", at line 1\n  Position: 32',
    );
  });

  test("a DbUser that does not exist in the database", async () => {
    const admin = dataClient(emu, emu.credentials("B:admin"));
    const out = await run(admin, { DbUser: "ghost", Sql: "SELECT 1" });
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe('FATAL: user "IAM:ghost" does not exist');
  });

  test("the IAMR:<role> user of GetClusterCredentialsWithIAM mode has no grants", async () => {
    const who = await run(client, { Sql: "SELECT current_user" });
    expect(who.Status).toBe("FINISHED");
    expect(who.DbUser).toBe("IAMR:chaincheck-redshift-role");
    const result = await client.send(new GetStatementResultCommand({ Id: who.Id }));
    expect(result.Records).toEqual([[{ stringValue: "IAMR:chaincheck-redshift-role" }]]);
    const denied = await run(client, { Sql: "SELECT * FROM public.sales" });
    expect(denied.Status).toBe("FAILED");
    expect(denied.Error).toBe("ERROR: permission denied for relation sales");
  });
});

describe("BatchExecuteStatement", () => {
  test("runs its statements in order with sub-statement ids <id>:N", async () => {
    const { Id } = await batch([
      "CREATE TABLE public.batch_ok (id integer)",
      "INSERT INTO public.batch_ok VALUES (1), (2)",
      "SELECT count(*) AS n FROM public.batch_ok",
    ]);
    const out = await settled(client, Id!);
    expect(out.Status).toBe("FINISHED");
    expect(out.QueryString).toBeUndefined();
    expect(out.HasResultSet).toBe(true);
    expect(out.SubStatements?.map((s) => [s.Id, s.Status, s.HasResultSet])).toEqual([
      [`${Id}:1`, "FINISHED", false],
      [`${Id}:2`, "FINISHED", false],
      [`${Id}:3`, "FINISHED", true],
    ]);
    const result = await client.send(new GetStatementResultCommand({ Id: `${Id}:3` }));
    expect(result.Records).toEqual([[{ longValue: 2 }]]);
  });

  test("rolls every statement back when one fails", async () => {
    const { Id } = await batch([
      "CREATE TABLE public.batch_rolled_back (id integer)",
      "SELECT * FROM no_such_table",
      "INSERT INTO public.batch_rolled_back VALUES (1)",
    ]);
    const out = await settled(client, Id!);
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe('ERROR: relation "no_such_table" does not exist');
    expect(out.SubStatements?.map((s) => s.Status)).toEqual(["FINISHED", "FAILED", "ABORTED"]);
    expect(out.SubStatements?.[1]?.Error).toBe('ERROR: relation "no_such_table" does not exist');
    const after = await run(client, { ...asAppUser, Sql: "SELECT * FROM public.batch_rolled_back" });
    expect(after.Error).toBe('ERROR: relation "public.batch_rolled_back" does not exist');
  });

  test("refuses more than 40 statements", async () => {
    const err = await failure(batch(Array.from({ length: 41 }, () => "SELECT 1")));
    expect(err.name).toBe("ValidationException");
    expect(err.status).toBe(400);
    expect(err.message).toContain("Member must have length less than or equal to 40");
  });
});

describe("COPY", () => {
  const copySql =
    "COPY public.sales FROM 's3://chaincheck-copy-source/input/sales.csv' IAM_ROLE 'arn:aws:iam::222222222222:role/chaincheck-copy-role' CSV IGNOREHEADER 1";

  test("runs COPY through the executor startEmulator installs, loading the S3 object's rows", async () => {
    const out = await run(client, { ...asAppUser, Sql: copySql });
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(3);
  });

  test("goes to the plugged-in executor with the statement's database user", async () => {
    const seen: CopyRequest[] = [];
    await using plugged = await startEmulator({
      setup: SEED,
      copyExecutor: async (request) => {
        seen.push(request);
        return { rowsLoaded: 3 };
      },
    });
    const out = await run(dataClient(plugged, await chainRoleCredentials(plugged)), {
      ...asAppUser,
      Sql: copySql,
    });
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(3);
    expect(out.HasResultSet).toBe(false);
    expect(seen.map((r) => [r.sql, r.sqlUser, r.database, r.account, r.cluster?.clusterId])).toEqual([
      [copySql, "app_user", "dev", B, CLUSTER],
    ]);
  });
});

describe("statement bookkeeping", () => {
  test("ListStatements filters by StatementName prefix and Status", async () => {
    await run(client, { ...asAppUser, Sql: "SELECT 1", StatementName: "nightly-check-1" });
    await run(client, { ...asAppUser, Sql: "SELECT * FROM no_such_table", StatementName: "nightly-check-2" });
    const all = await client.send(new ListStatementsCommand({ StatementName: "nightly-check" }));
    expect(all.Statements?.map((s) => [s.StatementName, s.Status, s.IsBatchStatement])).toEqual([
      ["nightly-check-2", "FAILED", false],
      ["nightly-check-1", "FINISHED", false],
    ]);
    const failed = await client.send(
      new ListStatementsCommand({ StatementName: "nightly-check", Status: "FAILED" }),
    );
    expect(failed.Statements?.map((s) => s.QueryString)).toEqual(["SELECT * FROM no_such_table"]);
  });

  test("ListStatements with RoleLevel false shows only the calling session's statements", async () => {
    const other = dataClient(emu, await chainRoleCredentials(emu, "other-session"));
    await run(other, { ...asAppUser, Sql: "SELECT 2", StatementName: "other-session-stmt" });
    const roleWide = await client.send(new ListStatementsCommand({ StatementName: "other-session" }));
    expect(roleWide.Statements).toHaveLength(1);
    const mine = await client.send(
      new ListStatementsCommand({ StatementName: "other-session", RoleLevel: false }),
    );
    expect(mine.Statements).toEqual([]);
  });

  test("CancelStatement on a finished statement is refused", async () => {
    const out = await run(client, { ...asAppUser, Sql: "SELECT 1" });
    expect(await failure(client.send(new CancelStatementCommand({ Id: out.Id })))).toEqual({
      name: "ValidationException",
      message: "Could not cancel a query that is already in FINISHED state.",
      status: 400,
    });
  });
});

describe("Secrets Manager mode", () => {
  test("logs in as the secret's username with its password", async () => {
    const out = await run(client, {
      SecretArn: `arn:aws:secretsmanager:ap-northeast-1:${B}:secret:chaincheck/app_user-AbCdEf`,
      Sql: "SELECT current_user",
    });
    expect(out.Status).toBe("FINISHED");
    expect(out.DbUser).toBeUndefined();
    const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
    expect(result.Records).toEqual([[{ stringValue: "app_user" }]]);
  });
});

describe("a serverless workgroup", () => {
  test("runs the statement as IAMR:<role> on the namespace's database", async () => {
    const out = await run(client, {
      ClusterIdentifier: undefined,
      WorkgroupName: "chaincheck-wg",
      Sql: "SELECT current_user",
    });
    expect(out.Status).toBe("FINISHED");
    expect(out.WorkgroupName).toBe("chaincheck-wg");
    const result = await client.send(new GetStatementResultCommand({ Id: out.Id }));
    expect(result.Records).toEqual([[{ stringValue: "IAMR:chaincheck-redshift-role" }]]);
  });
});

describe("catalog operations", () => {
  test("list databases, schemas and tables and describe a table as app_user", async () => {
    const where = { ClusterIdentifier: CLUSTER, Database: "dev", ...asAppUser };
    expect((await client.send(new ListDatabasesCommand(where))).Databases).toEqual(["dev"]);
    const schemas = await client.send(new ListSchemasCommand({ ...where, SchemaPattern: "pub%" }));
    expect(schemas.Schemas).toEqual(["public"]);
    const tables = await client.send(
      new ListTablesCommand({ ...where, SchemaPattern: "public", TablePattern: "sales" }),
    );
    expect(tables.Tables).toEqual([{ name: "sales", schema: "public", type: "TABLE" }]);
    const table = await client.send(new DescribeTableCommand({ ...where, Schema: "public", Table: "sales" }));
    expect(table.TableName).toBe("sales");
    expect(table.ColumnList?.map((c) => [c.name, c.typeName])).toEqual([
      ["id", "int4"],
      ["region", "varchar"],
      ["amount", "numeric"],
    ]);
  });
});

test("the chain's role credentials are account B's", () => {
  expect(REDSHIFT_ROLE_ARN).toContain(B);
});
