import { describe, expect, it } from "vitest";
import { syntaxContext, toSqlError } from "../../../emulator/sql/sql-error.ts";

describe("toSqlError", () => {
  it("words Postgres' table permission error as Redshift's relation error", () => {
    const error = toSqlError({
      name: "DatabaseError",
      code: "42501",
      message: "permission denied for table orders",
    });
    expect(error.message).toBe("ERROR: permission denied for relation orders");
    expect(error.code).toBe("42501");
  });

  it("adds Redshift's context, line and position to a syntax error", () => {
    const sql = "SELECT *\nFROM t WHERE ittype = :";
    const error = toSqlError(
      { name: "DatabaseError", code: "42601", message: 'syntax error at or near ":"', position: "32" },
      sql,
    );
    expect(error.message).toBe(
      'ERROR: syntax error at or near ":" in context "FROM t WHERE ittype = :", at line 2\n  Position: 32',
    );
    expect(error.position).toBe(32);
  });

  it("prefixes FATAL errors with FATAL", () => {
    const error = toSqlError({
      name: "DatabaseError",
      code: "28000",
      severity: "FATAL",
      message: 'user "IAM:x" does not exist',
    });
    expect(error.message).toBe('FATAL: user "IAM:x" does not exist');
  });
});

describe("syntaxContext", () => {
  it("keeps at most 30 characters of the line, starting at a word", () => {
    const sql = "select a, b, c from some_table where ittype = :";
    expect(syntaxContext(sql, sql.length)).toEqual({ context: "some_table where ittype = :", line: 1 });
  });
});
