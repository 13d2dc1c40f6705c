import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { type LoadTable, parseCopy, planLoad } from "../../../../emulator/redshift/copy/index.ts";
import { col, copyWith, file, load, TABLE } from "./copy-test-table.ts";

describe("planLoad: CSV", () => {
  test("quotes every value for Postgres and leaves NULL as an unquoted empty field", () => {
    const plan = load("CSV", '1,"Ann",10.50\n2,,\n');
    expect(plan.csv).toBe('"1","Ann","10.50"\n"2","",\n');
    expect(plan).toMatchObject({
      rowsRead: 2,
      rowsLoaded: 2,
      errors: [],
      failed: false,
      columns: ["id", "name", "amount"],
    });
  });

  test("keeps delimiters, doubled quotes and newlines inside quoted fields", () => {
    const plan = load("CSV", '1,"a,""b""\nc",1\n2,x,2\n');
    expect(plan.csv).toBe('"1","a,""b""\nc","1"\n"2","x","2"\n');
    expect(plan.rowsRead).toBe(2);
  });

  test("counts lines across an embedded newline when reporting a later error", () => {
    const plan = load("CSV MAXERROR 1", '1,"multi\nline",1\nx,y,1\n');
    expect(plan.errors[0]).toMatchObject({ lineNumber: 3, errCode: 1207 });
  });

  test("uses QUOTE AS and DELIMITER", () => {
    expect(load("CSV QUOTE AS '%' DELIMITER ';'", "1;%a;b%;2\n").csv).toBe('"1","a;b","2"\n');
  });

  test("skips IGNOREHEADER lines in every file and numbers lines from the top of each file", () => {
    const copy = copyWith("CSV IGNOREHEADER 1 MAXERROR 5");
    const plan = planLoad(
      copy,
      [file("in/a", "id,name,amount\n1,a,1\n"), file("in/b", "id,name,amount\nbad,b,2\n")],
      TABLE,
    );
    expect(plan.csv).toBe('"1","a","1"\n');
    expect(plan.rowsRead).toBe(2);
    expect(plan.errors[0]).toMatchObject({
      filename: "s3://bucket-a/in/b",
      lineNumber: 2,
      rawLine: "bad,b,2",
    });
  });

  test("accepts CRLF line endings and a last line without a newline", () => {
    expect(load("CSV", '1,a,1\r\n2,"b",2').csv).toBe('"1","a","1"\n"2","b","2"\n');
  });

  test("treats an unquoted field equal to NULL AS as NULL but a quoted one as text", () => {
    expect(load("CSV NULL AS 'NULL'", '1,NULL,1\n2,"NULL",2\n').csv).toBe('"1",,"1"\n"2","NULL","2"\n');
  });

  test("loads the default \\N as NULL", () => {
    expect(load("CSV", "1,\\N,1\n").csv).toBe('"1",,"1"\n');
  });

  test("reports a stray quote inside an unquoted field as invalid CSV quoting", () => {
    const plan = load("CSV", '1,ab"c,1\n');
    expect(plan.errors[0]).toMatchObject({
      errCode: 1214,
      errReason: "Invalid quote formatting for CSV",
      position: 2,
      rawFieldValue: "ab",
    });
  });

  test("reports a character after a closing quote as invalid CSV quoting", () => {
    expect(load("CSV", '1,"ab"c,1\n').errors[0]).toMatchObject({
      errCode: 1214,
      errReason: "Invalid quote formatting for CSV",
    });
  });

  test("reports an unterminated quote as invalid CSV quoting", () => {
    expect(load("CSV", '1,"abc,1\n').errors[0]).toMatchObject({
      errCode: 1214,
      errReason: "Invalid quote formatting for CSV",
    });
  });
});

describe("planLoad: delimited text", () => {
  test("splits on the default pipe", () => {
    expect(load("", "1|Ann|2.5\n").csv).toBe('"1","Ann","2.5"\n');
  });

  test("ESCAPE makes a backslash take the next delimiter or newline literally", () => {
    expect(load("ESCAPE", "1|a\\|b\\\nc|2\n").csv).toBe('"1","a|b\nc","2"\n');
  });

  test("REMOVEQUOTES strips surrounding quotes and keeps delimiters inside them", () => {
    expect(load("REMOVEQUOTES", '1|"a|b"|2\n').csv).toBe('"1","a|b","2"\n');
  });

  test("IGNOREBLANKLINES skips empty lines, which otherwise miss their delimiters", () => {
    expect(load("IGNOREBLANKLINES", "1|a|1\n\n2|b|2\n")).toMatchObject({ rowsRead: 2, rowsLoaded: 2 });
    expect(load("", "1|a|1\n\n2|b|2\n").errors[0]).toMatchObject({
      lineNumber: 2,
      errCode: 1214,
      errReason: "Delimiter not found",
    });
  });

  test("FILLRECORD loads missing trailing columns as NULL", () => {
    expect(load("FILLRECORD", "1|a\n").csv).toBe('"1","a",\n');
  });

  test("TRIMBLANKS removes trailing blanks from character columns", () => {
    expect(load("TRIMBLANKS", "1|ab   |1\n").csv).toBe('"1","ab","1"\n');
  });
});

describe("planLoad: NULL handling options", () => {
  test("loads empty character fields as empty strings unless EMPTYASNULL", () => {
    expect(load("", "1||1\n").csv).toBe('"1","","1"\n');
    expect(load("EMPTYASNULL", "1||1\n").csv).toBe('"1",,"1"\n');
  });

  test("loads blank character fields as blanks unless BLANKSASNULL", () => {
    expect(load("", "1|  |1\n").csv).toBe('"1","  ","1"\n');
    expect(load("BLANKSASNULL", "1|  |1\n").csv).toBe('"1",,"1"\n');
  });

  test("always loads empty and blank non-character fields as NULL", () => {
    expect(load("", "1|a|\n2|b|   \n").csv).toBe('"1","a",\n"2","b",\n');
  });
});

describe("planLoad: value normalisation for Postgres", () => {
  const typed: LoadTable = {
    columns: [
      col("flag", "boolean"),
      col("day", "date"),
      col("at", "timestamp without time zone"),
      col("atz", "timestamp with time zone"),
      col("ratio", "double precision"),
      col("big", "bigint"),
    ],
  };

  test("normalises booleans, dates and timestamps", () => {
    const plan = load(
      "",
      "Yes|2024-02-29|2024-02-29 13:45:00.25|2024-02-29 13:45:00.5+05:30|1.5e3|+42\n",
      typed,
    );
    expect(plan.csv).toBe(
      '"t","2024-02-29","2024-02-29 13:45:00.25","2024-02-29 13:45:00.5+05:30","1.5e3","42"\n',
    );
  });

  test("rejects an ISO 'T' separator under the default TIMEFORMAT", () => {
    expect(load("", "||2024-02-29T13:45:00|||\n", typed).errors[0]).toMatchObject({
      errCode: 1206,
      errReason: "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]",
    });
  });

  test.each([
    ["auto", "03/15/2024", "2024-03-15"],
    ["auto", "20240315", "2024-03-15"],
    ["auto", "Mar 15, 2024", "2024-03-15"],
    ["auto", "15-Mar-2024", "2024-03-15"],
    ["MM/DD/YYYY", "3/15/2024", "2024-03-15"],
    ["DD.MM.YY", "15.03.24", "2024-03-15"],
    ["YYYYMMDD", "20240315", "2024-03-15"],
  ])("DATEFORMAT '%s' reads %s", (format, text, iso) => {
    expect(load(`DATEFORMAT '${format}'`, `|${text}|||1|1\n`, typed).csv).toContain(`"${iso}"`);
  });

  test.each([
    ["epochsecs", "1700000000", "2023-11-14 22:13:20"],
    ["epochmillisecs", "1700000000123", "2023-11-14 22:13:20.123"],
    ["auto", "2023-11-14T22:13:20", "2023-11-14 22:13:20"],
    ["YYYY-MM-DD HH12:MI:SS AM", "2023-11-14 10:13:20 PM", "2023-11-14 22:13:20"],
    ["MM/DD/YYYY HH24:MI:SS.SSS", "11/14/2023 22:13:20.250", "2023-11-14 22:13:20.250"],
  ])("TIMEFORMAT '%s' reads %s", (format, text, iso) => {
    expect(load(`TIMEFORMAT '${format}'`, `||${text}||1|1\n`, typed).csv).toContain(`"${iso}"`);
  });
});

describe("planLoad: JSON", () => {
  const table: LoadTable = {
    columns: [
      col("id", "integer"),
      col("name", "varchar(20)", { maxLength: 20 }),
      col("tags", "varchar(50)", { maxLength: 50 }),
    ],
  };

  test("'auto' maps keys to columns exactly, so upper-case keys load NULL", () => {
    const plan = load(
      "JSON 'auto'",
      '{"id": 1, "Name": "Ann", "tags": ["a","b"]}\n{"id":2,"name":null}\n',
      table,
    );
    expect(plan.csv).toBe('"1",,"[""a"",""b""]"\n"2",,\n');
  });

  test("'auto ignorecase' matches keys in any case", () => {
    expect(load("JSON 'auto ignorecase'", '{"ID": 1, "Name": "Ann"}', table).csv).toBe('"1","Ann",\n');
  });

  test("reads concatenated objects spread over lines", () => {
    const plan = load("JSON 'auto'", '{"id": 1}{"id": 2,\n "name": "b}{"}\n{"id": 3}', table);
    expect(plan.csv).toBe('"1",,\n"2","b}{",\n"3",,\n');
    expect(plan.rowsRead).toBe(3);
  });

  test("reports a record that is not a JSON object as an invalid input line", () => {
    const plan = load("JSON 'auto' MAXERROR 5", '{"id": 1}\n[1,2]\n{"id": oops}\n', table);
    expect(plan.errors.map((e) => [e.lineNumber, e.errCode, e.errReason])).toEqual([
      [2, 1216, "Input line is not valid."],
      [3, 1216, "Input line is not valid."],
    ]);
  });

  test("validates JSON values against the column types", () => {
    expect(load("JSON 'auto'", '{"id": "abc"}', table).errors[0]).toMatchObject({
      errCode: 1207,
      colname: "id",
    });
  });

  test("maps JSONPaths expressions to columns in order", () => {
    const copy = copyWith("JSON 's3://bucket-a/paths.json'");
    const paths = JSON.stringify({ jsonpaths: ["$.user.id", "$['user']['name']", "$.tags[1]"] });
    const plan = planLoad(
      copy,
      [file("in/x", '{"user": {"id": 7, "name": "Zed"}, "tags": ["a", "b"]}')],
      table,
      { jsonPaths: paths },
    );
    expect(plan.csv).toBe('"7","Zed","b"\n');
  });

  test("rejects a JSONPaths file whose length differs from the column count", () => {
    const copy = copyWith("JSON 's3://bucket-a/paths.json'");
    expect(() => planLoad(copy, [], table, { jsonPaths: '{"jsonpaths": ["$.a"]}' })).toThrow(
      "Number of jsonpaths and the number of columns should match. JSONPath size: 1, Number of columns in table or column list: 3",
    );
  });
});

describe("planLoad: compression, column lists and files", () => {
  test("gunzips each object when GZIP is given", () => {
    const plan = load("GZIP CSV", gzipSync(Buffer.from("1,a,1\n")));
    expect(plan.csv).toBe('"1","a","1"\n');
  });

  test("fails clearly when GZIP is given for data that is not gzip", () => {
    expect(() => load("GZIP", "1|a|1\n")).toThrow(
      /^gzip: invalid compressed data in s3:\/\/bucket-a\/in\/part-000: /,
    );
  });

  test("reads gzip bytes without GZIP as text and reports them", () => {
    expect(load("", gzipSync(Buffer.from("1|a|1\n"))).failed).toBe(true);
  });

  test("loads only the listed columns, in file order", () => {
    const copy = parseCopy("COPY sales (amount, id) FROM 's3://bucket-a/in/' IAM_ROLE default CSV");
    const plan = planLoad(copy, [file("in/a", "9.5,1\n")], TABLE);
    expect(plan).toMatchObject({ columns: ["amount", "id"], csv: '"9.5","1"\n' });
  });

  test.each([
    [
      "COPY sales (id, nope) FROM 's3://b/p' IAM_ROLE default",
      'column "nope" of relation "sales" does not exist',
    ],
    ["COPY sales (id, ID) FROM 's3://b/p' IAM_ROLE default", 'column "id" specified more than once'],
  ])("rejects a bad column list: %s", (sql, message) => {
    expect(() => planLoad(parseCopy(sql), [], TABLE)).toThrow(message);
  });

  test("names each file with its own bucket", () => {
    const plan = planLoad(copyWith(""), [{ key: "k", bucket: "other", body: Buffer.from("x|a|1\n") }], TABLE);
    expect(plan.errors[0].filename).toBe("s3://other/k");
  });
});
