import { describe, expect, it } from "vitest";
import { joinTokens, significant, splitStatements, tokenize } from "../../../emulator/sql/sql-lexer.ts";

describe("tokenize", () => {
  it("gives back the input exactly when tokens are joined", () => {
    const sql = `SELECT 'it''s', E'a\\'b', "Q""t", $$ body ; $$, $x$ :no $x$ -- c :no\n/* a /* b */ c */ x::int, :p;`;
    expect(joinTokens(tokenize(sql))).toBe(sql);
  });

  it("finds :name placeholders only outside literals, identifiers, comments and casts", () => {
    const sql = `SELECT ':a', ":b", $$ :c $$, x::int, arr[1:2], :d -- :e\n/* :f */ FROM t WHERE y = :g`;
    const params = tokenize(sql)
      .filter((t) => t.kind === "param")
      .map((t) => t.text);
    expect(params).toEqual([":d", ":g"]);
  });

  it("keeps the offset of each token", () => {
    const tokens = significant(tokenize("  SELECT  1"));
    expect(tokens.map((t) => [t.text, t.start])).toEqual([
      ["SELECT", 2],
      ["1", 10],
    ]);
  });
});

describe("splitStatements", () => {
  it("splits on top-level semicolons and ignores semicolons in bodies and literals", () => {
    const script =
      "CREATE TABLE a(x int); INSERT INTO a VALUES (';');\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;;";
    expect(splitStatements(script)).toEqual([
      "CREATE TABLE a(x int)",
      "INSERT INTO a VALUES (';')",
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
    ]);
  });
});
