import { describe, expect, test } from "vitest";
import {
  CopyNotSupportedError,
  CopySyntaxError,
  INVALID_CREDENTIALS,
  isCopyStatement,
  MISSING_AUTHORIZATION,
  parseCopy,
  RedshiftSqlError,
} from "../../../../emulator/redshift/copy/index.ts";
import { errorThrownBy } from "../../../support/files.ts";

const ROLE_B = "arn:aws:iam::222222222222:role/RedshiftCopy";
const ROLE_A = "arn:aws:iam::111111111111:role/BucketReader";
const base = (options: string) =>
  `COPY sales FROM 's3://bucket-a/load/sales' IAM_ROLE '${ROLE_B}' ${options}`;

describe("parseCopy: statement shape", () => {
  test("reads table, prefix source, role and the text-format defaults", () => {
    const copy = parseCopy(base(""));
    expect(copy.table).toEqual({ name: "sales" });
    expect(copy.source).toEqual({
      url: "s3://bucket-a/load/sales",
      bucket: "bucket-a",
      prefix: "load/sales",
    });
    expect(copy.authorization).toEqual({ kind: "iam-role", roles: [ROLE_B], via: "IAM_ROLE" });
    expect(copy).toMatchObject({
      manifest: false,
      format: { kind: "text" },
      delimiter: "|",
      ignoreHeader: 0,
      gzip: false,
      nullAs: "\\N",
      dateFormat: "YYYY-MM-DD",
      timeFormat: "YYYY-MM-DD HH:MI:SS",
      maxError: 0,
    });
  });

  test.each([
    ["copy public.Sales from 's3://b/p' iam_role default", { schema: "public", name: "sales" }],
    [
      'COPY "Analytics"."Daily Sales" FROM \'s3://b/p\' IAM_ROLE default',
      { schema: "analytics", name: "daily sales" },
    ],
  ])("folds schema-qualified and quoted names to lower case: %s", (sql, table) => {
    expect(parseCopy(sql).table).toEqual(table);
  });

  test("keeps a column list in file order", () => {
    const copy = parseCopy(`COPY t (Id, "Name", amount) FROM 's3://b/p' IAM_ROLE default`);
    expect(copy.columns).toEqual(["id", "name", "amount"]);
  });

  test("accepts options in any order, commas between them, a trailing semicolon and comments", () => {
    const copy = parseCopy(
      `copy t from 's3://b/p' -- source\n gzip, ignoreheader 1 /* skip */ iam_role default csv delimiter ';' maxerror as 5;`,
    );
    expect(copy).toMatchObject({
      gzip: true,
      ignoreHeader: 1,
      maxError: 5,
      delimiter: ";",
      format: { kind: "csv" },
    });
  });

  test("reads the bucket root as an empty prefix", () => {
    expect(parseCopy("COPY t FROM 's3://bucket' IAM_ROLE default").source.prefix).toBe("");
  });
});

describe("parseCopy: authorization", () => {
  test("IAM_ROLE default", () => {
    expect(parseCopy("COPY t FROM 's3://b/p' IAM_ROLE DEFAULT").authorization).toEqual({
      kind: "iam-role-default",
    });
  });

  test("splits a chained IAM_ROLE into its roles in order", () => {
    const copy = parseCopy(`COPY t FROM 's3://b/p' IAM_ROLE '${ROLE_B},${ROLE_A}'`);
    expect(copy.authorization).toEqual({ kind: "iam-role", roles: [ROLE_B, ROLE_A], via: "IAM_ROLE" });
  });

  test("reads a chained role from CREDENTIALS 'aws_iam_role=…'", () => {
    const copy = parseCopy(`COPY t FROM 's3://b/p' WITH CREDENTIALS AS 'aws_iam_role=${ROLE_B},${ROLE_A}'`);
    expect(copy.authorization).toEqual({ kind: "iam-role", roles: [ROLE_B, ROLE_A], via: "CREDENTIALS" });
  });

  test("reads access keys with a session token from CREDENTIALS", () => {
    const copy = parseCopy(
      "COPY t FROM 's3://b/p' CREDENTIALS 'aws_access_key_id=AKID;aws_secret_access_key=SECRET;token=TOK'",
    );
    expect(copy.authorization).toEqual({
      kind: "access-keys",
      accessKeyId: "AKID",
      secretAccessKey: "SECRET",
      sessionToken: "TOK",
      via: "CREDENTIALS",
    });
  });

  test("reads ACCESS_KEY_ID and SECRET_ACCESS_KEY parameters", () => {
    const copy = parseCopy("COPY t FROM 's3://b/p' ACCESS_KEY_ID 'AKID' SECRET_ACCESS_KEY 'SECRET'");
    expect(copy.authorization).toEqual({
      kind: "access-keys",
      accessKeyId: "AKID",
      secretAccessKey: "SECRET",
      via: "ACCESS_KEY_ID",
    });
  });

  test.each([
    ["aws_iam_role"],
    ["aws_access_key_id=AKID"],
    ["aws_access_key_id=AKID;aws_secret_access_key=S;region=us-east-1"],
    ["role=arn:aws:iam::222222222222:role/X"],
  ])("rejects the malformed CREDENTIALS string %s with Redshift's text", (credentials) => {
    expect(() => parseCopy(`COPY t FROM 's3://b/p' CREDENTIALS '${credentials}'`)).toThrow(
      INVALID_CREDENTIALS,
    );
  });

  test.each([
    ["arn:aws:iam::2222:role/X"],
    ["arn:aws:iam::222222222222:user/X"],
    [`${ROLE_B}, ${ROLE_A}`],
    [`${ROLE_B},`],
  ])("rejects the invalid role ARN list %s", (roles) => {
    expect(() => parseCopy(`COPY t FROM 's3://b/p' IAM_ROLE '${roles}'`)).toThrow(/^Invalid IAM role ARN '/);
  });

  test("rejects a chain longer than ten roles", () => {
    const chain = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::222222222222:role/R${i}`).join(",");
    expect(() => parseCopy(`COPY t FROM 's3://b/p' IAM_ROLE '${chain}'`)).toThrow(
      "Too many IAM roles in the chain: 11 (at most 10)",
    );
  });

  test("rejects a COPY with no authorization", () => {
    expect(() => parseCopy("COPY t FROM 's3://b/p' CSV")).toThrow(MISSING_AUTHORIZATION);
  });

  test("rejects IAM_ROLE together with CREDENTIALS", () => {
    expect(() =>
      parseCopy(`COPY t FROM 's3://b/p' IAM_ROLE default CREDENTIALS 'aws_iam_role=${ROLE_B}'`),
    ).toThrow("Specify only one of IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY");
  });

  test("rejects a session token without access keys", () => {
    expect(() => parseCopy("COPY t FROM 's3://b/p' SESSION_TOKEN 'x'")).toThrow(/must be used together/);
  });
});

describe("parseCopy: each supported option", () => {
  test.each<[string, Record<string, unknown>]>([
    ["MANIFEST", { manifest: true }],
    ["CSV", { format: { kind: "csv", quote: '"' }, delimiter: "," }],
    ["FORMAT AS CSV QUOTE AS '%'", { format: { kind: "csv", quote: "%" } }],
    ["format csv quote ''''", { format: { kind: "csv", quote: "'" } }],
    ["CSV DELIMITER '|'", { format: { kind: "csv" }, delimiter: "|" }],
    ["JSON 'auto'", { format: { kind: "json", mode: "auto" } }],
    ["FORMAT AS JSON 'auto ignorecase'", { format: { kind: "json", mode: "auto ignorecase" } }],
    [
      "FORMAT JSON 's3://b/paths.json'",
      { format: { kind: "json", mode: "jsonpaths", jsonPathsUrl: "s3://b/paths.json" } },
    ],
    ["DELIMITER AS '\\t'", { delimiter: "\t" }],
    ["DELIMITER ','", { delimiter: "," }],
    ["IGNOREHEADER AS 2", { ignoreHeader: 2 }],
    ["GZIP", { gzip: true }],
    ["NULL AS 'NULL'", { nullAs: "NULL" }],
    ["NULL AS '\\000'", { nullAs: "\0" }],
    ["DATEFORMAT AS 'auto'", { dateFormat: "auto" }],
    ["DATEFORMAT 'MM/DD/YYYY'", { dateFormat: "MM/DD/YYYY" }],
    ["TIMEFORMAT 'epochsecs'", { timeFormat: "epochsecs" }],
    ["TIMEFORMAT AS 'auto'", { timeFormat: "auto" }],
    ["REGION AS 'eu-west-1'", { region: "eu-west-1" }],
    ["MAXERROR 10", { maxError: 10 }],
    ["TRUNCATECOLUMNS", { truncateColumns: true }],
    ["EMPTYASNULL", { emptyAsNull: true }],
    ["BLANKSASNULL", { blanksAsNull: true }],
    ["ACCEPTINVCHARS", { acceptInvChars: "?" }],
    ["ACCEPTINVCHARS AS '^'", { acceptInvChars: "^" }],
    ["REMOVEQUOTES", { removeQuotes: true }],
    ["ESCAPE", { escape: true }],
    ["FILLRECORD", { fillRecord: true }],
    ["IGNOREBLANKLINES", { ignoreBlankLines: true }],
    ["TRIMBLANKS", { trimBlanks: true }],
    ["ENCODING UTF8", {}],
    ["COMPUPDATE OFF", { compUpdate: false }],
    ["COMPUPDATE", { compUpdate: true }],
    ["COMPUPDATE PRESET", { compUpdate: true }],
    ["STATUPDATE ON", { statUpdate: true }],
    ["statupdate false", { statUpdate: false }],
  ])("%s", (options, expected) => {
    expect(parseCopy(base(options))).toMatchObject(expected);
  });
});

describe("parseCopy: unsupported features name the option", () => {
  test.each([
    ["FORMAT AS PARQUET", "FORMAT PARQUET"],
    ["FORMAT ORC", "FORMAT ORC"],
    ["PARQUET", "PARQUET"],
    ["AVRO 'auto'", "AVRO"],
    ["FIXEDWIDTH 'a:1'", "FIXEDWIDTH"],
    ["BZIP2", "BZIP2"],
    ["LZOP", "LZOP"],
    ["ZSTD", "ZSTD"],
    ["SSH", "SSH"],
    ["EXPLICIT_IDS", "EXPLICIT_IDS"],
    ["NOLOAD", "NOLOAD"],
    ["ENCODING UTF16", "ENCODING UTF16"],
    ["JSON 'noshred'", "JSON 'noshred'"],
  ])("%s", (options, option) => {
    const error = captureError(() => parseCopy(base(options)));
    expect(error).toBeInstanceOf(CopyNotSupportedError);
    expect(error.message).toMatch(
      new RegExp(
        `^chaincheck emulator: COPY option ${escapeRe(option)} is not supported \\(supported: FROM 's3://…', MANIFEST, IAM_ROLE, `,
      ),
    );
  });

  test.each([["dynamodb://Orders"], ["emr://j-123/output/part-*"]])("FROM '%s'", (source) => {
    const error = captureError(() => parseCopy(`COPY t FROM '${source}' IAM_ROLE default`));
    expect(error).toBeInstanceOf(CopyNotSupportedError);
    expect((error as CopyNotSupportedError).option).toBe(`FROM '${source.split("://")[0]}://…'`);
  });
});

describe("parseCopy: syntax errors use Postgres's wording and position", () => {
  test.each([
    ["COPY t FROM 's3://b/p' IAM_ROLE default BOGUS", 'syntax error at or near "BOGUS"', 41],
    ["COPY t 's3://b/p' IAM_ROLE default", `syntax error at or near "'s3://b/p'"`, 8],
    ["COPY t FROM 's3://b/p' IAM_ROLE default IGNOREHEADER x", 'syntax error at or near "x"', 54],
    ["COPY t FROM 's3://b/p' IAM_ROLE", "syntax error at end of input", 32],
    ["COPY t (a, FROM 's3://b/p' IAM_ROLE default", `syntax error at or near "'s3://b/p'"`, 17],
    ["COPY t FROM 's3://b/p' IAM_ROLE default; SELECT 1", 'syntax error at or near "SELECT"', 42],
    [
      "COPY t FROM 's3://b/p IAM_ROLE default",
      `unterminated quoted string at or near "'s3://b/p IAM_ROLE default"`,
      13,
    ],
  ])("%s", (sql, message, position) => {
    const error = captureError(() => parseCopy(sql));
    expect(error).toBeInstanceOf(CopySyntaxError);
    expect(error.message).toBe(message);
    expect((error as CopySyntaxError).position).toBe(position);
    expect((error as CopySyntaxError).sqlState).toBe("42601");
  });

  test.each([
    ["CSV CSV", "conflicting or redundant options"],
    ["GZIP GZIP", "conflicting or redundant options"],
    ["CSV JSON 'auto'", "conflicting or redundant options"],
    ["DELIMITER 'ab'", "DELIMITER must be a single character, got 'ab'"],
    ["CSV QUOTE AS 'xy'", "QUOTE must be a single character, got 'xy'"],
    ["QUOTE '%'", "QUOTE AS is valid only with the CSV format"],
    ["CSV REMOVEQUOTES", "REMOVEQUOTES cannot be used with CSV"],
    ["CSV ESCAPE", "ESCAPE cannot be used with CSV"],
    ["JSON 'auto' DELIMITER ','", "DELIMITER cannot be used with JSON"],
    ["CSV DELIMITER '\"'", "DELIMITER and QUOTE must be different characters"],
    [
      "JSON 'something'",
      "Invalid JSON option 'something': expected 'auto', 'auto ignorecase' or an s3:// JSONPaths file",
    ],
  ])("rejects %s", (options, message) => {
    const error = captureError(() => parseCopy(base(options)));
    expect(error).toBeInstanceOf(RedshiftSqlError);
    expect(error.message).toBe(message);
  });

  test("rejects a source that is not S3", () => {
    expect(() => parseCopy("COPY t FROM '/tmp/data.csv' IAM_ROLE default")).toThrow(
      "Invalid COPY source '/tmp/data.csv': expected s3://bucket/prefix (the emulator loads from Amazon S3 only)",
    );
  });
});

describe("isCopyStatement", () => {
  test.each([
    ["COPY t FROM 's3://b/p' IAM_ROLE default", true],
    ["  copy t from 's3://b/p'", true],
    ["-- load\nCOPY t FROM 's3://b/p'", true],
    ["SELECT 'COPY'", false],
    ["copyright", false],
    ["INSERT INTO t VALUES (1)", false],
  ])("%s → %s", (sql, expected) => {
    expect(isCopyStatement(sql)).toBe(expected);
  });
});

const captureError = errorThrownBy;

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
