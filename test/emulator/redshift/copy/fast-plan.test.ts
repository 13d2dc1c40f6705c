import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { fastPlan, planLoad } from "../../../../emulator/redshift/copy/index.ts";
import { col, copyWith, file, TABLE } from "./copy-test-table.ts";

const text = (csv: string | Uint8Array | undefined) =>
  csv === undefined ? undefined : Buffer.from(csv).toString();

describe("fastPlan", () => {
  test("passes clean CSV through unchanged, header lines skipped in every file", () => {
    const plan = fastPlan(
      copyWith("CSV IGNOREHEADER 1"),
      [
        file("a.csv", "id,name,amount\n1,tokyo,10.50\n2,osaka,3\n"),
        file("b.csv", "id,name,amount\n3,nagoya,-0.25"),
      ],
      TABLE,
    );
    expect(text(plan?.csv)).toBe("1,tokyo,10.50\n2,osaka,3\n3,nagoya,-0.25\n");
    expect(plan).toMatchObject({
      columns: ["id", "name", "amount"],
      rowsRead: 3,
      rowsLoaded: 3,
      errors: [],
      failed: false,
    });
  });

  test("loads the same rows planLoad does for clean data", () => {
    const copy = copyWith("CSV");
    const objects = [file("a.csv", "7,x,1.5\n8,yy,22.75\n")];
    const fast = text(fastPlan(copy, objects, TABLE)?.csv)
      ?.trim()
      .split("\n");
    const full = planLoad(copy, objects, TABLE);
    const fullRows = text(full.csv)
      ?.trim()
      .split("\n")
      .map((line) => line.replaceAll('"', ""));
    expect(fast).toEqual(fullRows);
    expect(full.rowsLoaded).toBe(2);
  });

  test("keeps a pipe-delimited text file's delimiter for Postgres", () => {
    const plan = fastPlan(copyWith("DELIMITER '|'"), [file("a.txt", "1|tokyo|10.50\n")], TABLE);
    expect(plan?.delimiter).toBe("|");
    expect(text(plan?.csv)).toBe("1|tokyo|10.50\n");
  });

  test("reads gzip files", () => {
    const plan = fastPlan(copyWith("CSV GZIP"), [file("a.csv.gz", gzipSync("1,tokyo,10.50\n"))], TABLE);
    expect(text(plan?.csv)).toBe("1,tokyo,10.50\n");
  });

  test.each([
    ["a quoted field", '1,"tokyo",10.50\n'],
    ["an empty field", "1,,10.50\n"],
    ["an integer too long to be sure of its range", "1234567890,tokyo,1\n"],
    ["a string longer than the column", "1,abcdefghijk,1\n"],
    ["more decimal places than the scale", "1,tokyo,1.555\n"],
    ["too many integer digits for the precision", "1,tokyo,1234567\n"],
    ["a CRLF line end", "1,tokyo,1\r\n"],
    ["a blank line", "1,tokyo,1\n\n2,osaka,2\n"],
    ["non-ASCII text", "1,東京,1\n"],
    ["an extra column", "1,tokyo,1,9\n"],
    ["a missing column", "1,tokyo\n"],
    ["a backslash", "1,to\\kyo,1\n"],
  ])("leaves %s to planLoad", (_, body) => {
    expect(fastPlan(copyWith("CSV"), [file("a.csv", body)], TABLE)).toBeUndefined();
  });

  test.each([
    ["TRUNCATECOLUMNS"],
    ["EMPTYASNULL"],
    ["BLANKSASNULL"],
    ["ACCEPTINVCHARS"],
    ["NULL AS 'x'"],
    ["FORMAT AS JSON 'auto'"],
  ])("leaves COPY … %s to planLoad", (option) => {
    expect(
      fastPlan(copyWith(`CSV ${option}`.replace("CSV FORMAT", "FORMAT")), [file("a", "1,tokyo,1\n")], TABLE),
    ).toBeUndefined();
  });

  test("leaves tables with dates, floats or unbounded decimals to planLoad", () => {
    for (const type of ["date", "double precision", "numeric", "timestamp without time zone", "boolean"]) {
      const table = { columns: [col("id", "integer"), col("v", type)] };
      expect(fastPlan(copyWith("CSV"), [file("a", "1,2\n")], table)).toBeUndefined();
    }
  });
});
