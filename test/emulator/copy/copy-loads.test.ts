import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { A, B, BUCKET, CLUSTER, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { allow, policyDocument, roleWithInlinePolicy, trustStatement } from "../../support/policy-layers.ts";
import {
  type CopyWorld,
  copySql,
  expectRedshiftError,
  rowsOf,
  runAsAppUser,
  startCopyWorld,
} from "./copy-fixtures.ts";

const CHAIN_BUCKET = "chaincheck-chain-source";
const READER_ARN = `arn:aws:iam::${A}:role/chaincheck-a-reader`;
const CHAIN = `${COPY_ROLE_ARN},${READER_ARN}`;
const salesColumns = [
  { name: "id", type: "integer NOT NULL" },
  { name: "region", type: "varchar(32)" },
  { name: "amount", type: "numeric(10,2)" },
];
const table = (name: string) => ({ schema: "public", name, owner: "awsuser", columns: salesColumns });
const grant = (on: string, privileges = ["SELECT", "INSERT"]) => ({
  database: "dev",
  to: "app_user",
  privileges,
  on,
});

let world: CopyWorld;
beforeAll(async () => {
  world = await startCopyWorld({
    roles: [
      roleWithInlinePolicy(B, "chaincheck-copy-role", "assume-a-reader", allow("sts:AssumeRole", READER_ARN)),
      {
        ...roleWithInlinePolicy(
          A,
          "chaincheck-a-reader",
          "read-chain-source",
          allow("s3:GetObject", `arn:aws:s3:::${CHAIN_BUCKET}/*`),
          allow("s3:ListBucket", `arn:aws:s3:::${CHAIN_BUCKET}`),
        ),
        trustPolicy: policyDocument(trustStatement({ AWS: COPY_ROLE_ARN })),
      },
    ],
    s3Buckets: [
      {
        account: A,
        region: REGION,
        name: BUCKET,
        objects: [
          { key: "bad/sales.csv", body: "id,region,amount\n5,kobe,10.00\nx6,sendai,20.00\n7,sapporo,1.5\n" },
          {
            key: "tolerated/sales.csv",
            body: "id,region,amount\n8,naha,1.00\n9,nara,2.00,extra\n10,kyoto,3.00\n",
          },
        ],
      },
      {
        account: A,
        region: REGION,
        name: CHAIN_BUCKET,
        objects: [{ key: "chain/sales.csv", body: "id,region,amount\n21,sendai,5.50\n22,kobe,6.25\n" }],
      },
    ],
    redshiftClusters: [
      {
        account: B,
        region: REGION,
        id: CLUSTER,
        databases: [
          {
            name: "dev",
            tables: [table("sales_chain"), table("sales_errors"), table("sales_tolerant"), table("locked")],
          },
        ],
        grants: [
          { database: "dev", to: "app_user", privileges: ["USAGE"], on: "schema public" },
          grant("table public.sales"),
          grant("table public.sales_chain"),
          grant("table public.sales_errors"),
          grant("table public.sales_tolerant"),
          { to: "app_user", privileges: ["ASSUMEROLE"], on: `iam_role ${COPY_ROLE_ARN} for copy` },
          { to: "app_user", privileges: ["ASSUMEROLE"], on: `iam_role ${CHAIN} for copy` },
        ],
      },
    ],
  });
});
afterAll(() => world.emu.stop());

const copyInto = (table: string, from: string, role = COPY_ROLE_ARN, options?: string) =>
  runAsAppUser(world.client, copySql(table, from, role, options));

describe("a COPY from A's bucket with B's associated role", () => {
  test("loads the seed chain's CSV as app_user and reports the rows loaded", async () => {
    const out = await runAsAppUser(
      world.client,
      "copy public.sales from 's3://chaincheck-copy-source/input/sales.csv' iam_role 'arn:aws:iam::222222222222:role/chaincheck-copy-role' CSV IGNOREHEADER 1",
    );
    expect(out.Status).toBe("FINISHED");
    expect(out.Error).toBeUndefined();
    expect(out.ResultRows).toBe(3);
    expect(out.HasResultSet).toBe(false);
    expect(
      await rowsOf(world.client, "select id, region, amount::text from public.sales order by id"),
    ).toEqual([
      [1, "tokyo", "120.50"],
      [2, "osaka", "80.00"],
      [3, "nagoya", "42.25"],
      [4, "fukuoka", "310.75"],
    ]);
  });

  test("loads through a chained role in A that reads A's bucket without any bucket policy", async () => {
    const out = await copyInto("public.sales_chain", `s3://${CHAIN_BUCKET}/chain/sales.csv`, CHAIN);
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(2);
    expect(await rowsOf(world.client, "select id, region from public.sales_chain order by id")).toEqual([
      [21, "sendai"],
      [22, "kobe"],
    ]);
  });

  test("loads into a scratch table app_user created like the target, as the harness's COPY link does", async () => {
    const created = await runAsAppUser(
      world.client,
      "create table public.chaincheck_copy_scratch (like public.sales)",
    );
    expect(created.Error).toBeUndefined();
    const out = await copyInto("public.chaincheck_copy_scratch", `s3://${BUCKET}/input/sales.csv`);
    expect(out.Status).toBe("FINISHED");
    expect(await rowsOf(world.client, "select count(*) from public.chaincheck_copy_scratch")).toEqual([[3]]);
  });

  test("fails when the prefix matches no object", async () => {
    const out = await copyInto("public.sales", `s3://${BUCKET}/input/missing`);
    expect(out.Status).toBe("FAILED");
    expectRedshiftError(out.Error, {
      message: "The specified S3 prefix 'input/missing' does not exist",
      code: 8001,
      context: "",
      location: "s3_utility.cpp:539",
    });
  });

  test("fails with the SQL engine's permission error when app_user may not insert into the table", async () => {
    const out = await copyInto("public.locked", `s3://${BUCKET}/input/sales.csv`);
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe("ERROR: permission denied for relation locked");
  });

  test("fails with Redshift's text when the target table does not exist", async () => {
    const out = await copyInto("public.nowhere", `s3://${BUCKET}/input/sales.csv`);
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe("ERROR: Cannot COPY into nonexistent table nowhere");
  });
});

describe("records that do not fit the table", () => {
  test("fail the load, load nothing, and land in stl_load_errors and sys_load_error_detail", async () => {
    const out = await copyInto("public.sales_errors", `s3://${BUCKET}/bad/sales.csv`);
    expect(out.Status).toBe("FAILED");
    expect(out.Error).toBe(
      "ERROR: Load into table 'sales_errors' failed.  Check 'stl_load_errors' system table for details.",
    );
    expect(await rowsOf(world.client, "select count(*) from public.sales_errors")).toEqual([[0]]);
    expect(
      await rowsOf(
        world.client,
        `select trim(filename), line_number, trim(colname), trim(type), trim(raw_field_value), err_code, trim(err_reason)
           from stl_load_errors where filename like 's3://${BUCKET}/bad/%'`,
      ),
    ).toEqual([
      [
        `s3://${BUCKET}/bad/sales.csv`,
        3,
        "id",
        "int4",
        "x6",
        1207,
        "Invalid digit, Value 'x', Pos 0, Type: Integer",
      ],
    ]);
    expect(
      await rowsOf(
        world.client,
        `select trim(file_name), line_number, trim(column_name), error_code, trim(error_message)
           from sys_load_error_detail where file_name like 's3://${BUCKET}/bad/%'`,
      ),
    ).toEqual([
      [`s3://${BUCKET}/bad/sales.csv`, 3, "id", 1207, "Invalid digit, Value 'x', Pos 0, Type: Integer"],
    ]);
  });

  test("fail with the COPY's query id in DescribeStatement, the id its load error rows carry", async () => {
    const out = await copyInto("public.sales_errors", `s3://${BUCKET}/bad/sales.csv`);
    expect(out.Status).toBe("FAILED");
    expect(out.RedshiftQueryId).toBeGreaterThan(0);
    expect(
      await rowsOf(
        world.client,
        `select count(*) from sys_load_error_detail where query_id = ${out.RedshiftQueryId}`,
      ),
    ).toEqual([[1]]);
  });

  test("are skipped within MAXERROR, the rest loaded and the skipped ones logged under the COPY's query id", async () => {
    const out = await copyInto(
      "public.sales_tolerant",
      `s3://${BUCKET}/tolerated/sales.csv`,
      COPY_ROLE_ARN,
      "CSV IGNOREHEADER 1 MAXERROR 1",
    );
    expect(out.Status).toBe("FINISHED");
    expect(out.ResultRows).toBe(2);
    expect(await rowsOf(world.client, "select id from public.sales_tolerant order by id")).toEqual([
      [8],
      [10],
    ]);
    expect(
      await rowsOf(
        world.client,
        `select query, line_number, trim(raw_line), err_code, trim(err_reason)
           from stl_load_errors where filename like 's3://${BUCKET}/tolerated/%'`,
      ),
    ).toEqual([[out.RedshiftQueryId, 3, "9,nara,2.00,extra", 1202, "Extra column(s) found"]]);
  });
});
