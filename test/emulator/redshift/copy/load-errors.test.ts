import { describe, expect, test } from "vitest";
import type { LoadTable } from "../../../../emulator/redshift/copy/index.ts";
import { col, load } from "./copy-test-table.ts";

describe("planLoad: load error codes and reasons", () => {
  const typed: LoadTable = {
    columns: [
      col("i2", "smallint"),
      col("i4", "integer"),
      col("n", "numeric(5,2)"),
      col("f", "real"),
      col("b", "boolean"),
      col("d", "date"),
      col("ts", "timestamp"),
      col("c", "character(3)", { maxLength: 3 }),
      col("v", "character varying(4)", { maxLength: 4 }),
      col("req", "integer", { nullable: false }),
    ],
  };
  const row = (overrides: Record<string, string>) =>
    ["i2", "i4", "n", "f", "b", "d", "ts", "c", "v", "req"]
      .map((name) => overrides[name] ?? { req: "1" }[name] ?? "")
      .join("|");

  test.each<[string, Record<string, string>, Record<string, unknown>]>([
    [
      "1207 non-digit in an integer",
      { i4: "12a" },
      {
        errCode: 1207,
        errReason: "Invalid digit, Value 'a', Pos 2, Type: Integer",
        colname: "i4",
        type: "int4",
        rawFieldValue: "12a",
      },
    ],
    [
      "1207 leading space in an integer",
      { i4: " 1" },
      { errCode: 1207, errReason: "Invalid digit, Value ' ', Pos 0, Type: Integer" },
    ],
    [
      "1207 non-digit in a smallint",
      { i2: "x" },
      { errCode: 1207, errReason: "Invalid digit, Value 'x', Pos 0, Type: Short", type: "int2" },
    ],
    [
      "1207 non-digit in a decimal",
      { n: "1.2x" },
      { errCode: 1207, errReason: "Invalid digit, Value 'x', Pos 3, Type: Decimal", type: "numeric" },
    ],
    [
      "1222 integer overflow",
      { i2: "40000" },
      { errCode: 1222, errReason: "Overflow (Short valid range -32768 to 32767)" },
    ],
    [
      "1209 decimal precision",
      { n: "1234.5" },
      { errCode: 1209, errReason: "DECIMAL data type format error." },
    ],
    [
      "1208 float format",
      { f: "1.2.3" },
      { errCode: 1208, errReason: "FLOAT data type format error.", type: "float4" },
    ],
    [
      "1210 boolean format",
      { b: "maybe" },
      { errCode: 1210, errReason: "BOOLEAN data type format error.", type: "bool" },
    ],
    [
      "1205 short date",
      { d: "2024-1-1" },
      { errCode: 1205, errReason: "Invalid Date Format - length must be 10 or more", type: "date" },
    ],
    [
      "1205 impossible date",
      { d: "2023-02-29" },
      { errCode: 1205, errReason: "Invalid date format or value [YYYY-MM-DD]" },
    ],
    [
      "1206 timestamp",
      { ts: "yesterday noon" },
      {
        errCode: 1206,
        errReason: "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]",
        type: "timestamp",
      },
    ],
    [
      "1204 varchar byte length",
      { v: "héllo" },
      { errCode: 1204, errReason: "String length exceeds DDL length", colLength: "4", type: "varchar" },
    ],
    [
      "1215 multibyte in CHAR",
      { c: "é" },
      {
        errCode: 1215,
        errReason: "Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: c3",
        type: "bpchar",
      },
    ],
    [
      "1213 NOT NULL",
      { req: "" },
      { errCode: 1213, errReason: "Missing data for not-null field", colname: "req" },
    ],
  ])("%s", (_name, overrides, expected) => {
    const plan = load("", `${row(overrides)}\n`, typed);
    expect(plan.failed).toBe(true);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatchObject({
      filename: "s3://bucket-a/in/part-000",
      lineNumber: 1,
      ...expected,
    });
  });

  test("1202 extra columns, pointing at the first extra field", () => {
    const plan = load("", "1|a|1|surplus\n");
    expect(plan.errors[0]).toMatchObject({
      errCode: 1202,
      errReason: "Extra column(s) found",
      position: 6,
      rawFieldValue: "surplus",
      rawLine: "1|a|1|surplus",
    });
  });

  test("1214 missing columns name the first missing one", () => {
    expect(load("", "1|a\n").errors[0]).toMatchObject({
      errCode: 1214,
      errReason: "Delimiter not found",
      colname: "amount",
      position: 3,
    });
  });

  test("1220 invalid UTF-8 names the field and the bad bytes", () => {
    const body = Buffer.concat([Buffer.from("1|ab"), Buffer.from([0x82]), Buffer.from("|1\n")]);
    const plan = load("", body);
    expect(plan.errors[0]).toMatchObject({
      errCode: 1220,
      errReason:
        "String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: 82 (error 3)",
      colname: "name",
      position: 2,
    });
  });

  test("1220 reports the U+FDD0–U+FDEF noncharacters as error 6", () => {
    const body = Buffer.concat([Buffer.from("1|"), Buffer.from([0xef, 0xb7, 0xa1]), Buffer.from("|1\n")]);
    expect(load("", body).errors[0].errReason).toBe(
      "String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ef b7 a1 (error 6)",
    );
  });

  test("ACCEPTINVCHARS replaces invalid UTF-8 instead of failing", () => {
    const body = Buffer.concat([Buffer.from("1|ab"), Buffer.from([0x82]), Buffer.from("|1\n")]);
    expect(load("ACCEPTINVCHARS AS '^'", body).csv).toBe('"1","ab^","1"\n');
  });

  test("TRUNCATECOLUMNS cuts to the byte limit on a character boundary", () => {
    expect(load("TRUNCATECOLUMNS", "1|ééééé12|1\n").csv).toBe('"1","ééééé","1"\n');
  });

  test("truncates raw_line and raw_field_value to 1024 characters", () => {
    const long = "x".repeat(2000);
    const error = load("", `${long}|a|1\n`).errors[0];
    expect(error.rawLine).toHaveLength(1024);
    expect(error.rawFieldValue).toHaveLength(1024);
  });
});

describe("planLoad: MAXERROR", () => {
  const data = "1|a|1\nx|b|2\n3|c|3\ny|d|4\n5|e|5\n";

  test("fails on the first error by default and loads nothing", () => {
    const plan = load("", data);
    expect(plan).toMatchObject({ failed: true, rowsLoaded: 0, csv: "" });
    expect(plan.errors).toHaveLength(1);
  });

  test("skips bad rows within the limit and counts only good rows as loaded", () => {
    const plan = load("MAXERROR 2", data);
    expect(plan).toMatchObject({ failed: false, rowsRead: 5, rowsLoaded: 3 });
    expect(plan.errors.map((e) => e.lineNumber)).toEqual([2, 4]);
    expect(plan.csv).toBe('"1","a","1"\n"3","c","3"\n"5","e","5"\n');
  });

  test("fails once errors exceed the limit and stops reading there", () => {
    const plan = load("MAXERROR 1", data);
    expect(plan).toMatchObject({ failed: true, rowsLoaded: 0, rowsRead: 4 });
    expect(plan.errors).toHaveLength(2);
  });
});
