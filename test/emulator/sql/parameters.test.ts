import { describe, expect, it } from "vitest";
import { bindNamedParameters, ParameterError } from "../../../emulator/sql/parameters.ts";

describe("bindNamedParameters", () => {
  it("turns :name placeholders into positional parameters in first-use order", () => {
    const bound = bindNamedParameters("SELECT * FROM t WHERE b = :b AND a = :a OR b2 = :b", [
      { name: "a", value: "1" },
      { name: "b", value: "x" },
    ]);
    expect(bound).toEqual({ sql: "SELECT * FROM t WHERE b = $1 AND a = $2 OR b2 = $1", values: ["x", "1"] });
  });

  it("leaves SQL untouched when no parameters are given", () => {
    expect(bindNamedParameters("SELECT :x", [])).toEqual({ sql: "SELECT :x", values: [] });
  });

  it("rejects a parameter that appears only inside a quoted literal as unused", () => {
    expect(() =>
      bindNamedParameters("COPY t FROM ':path' IAM_ROLE 'arn'", [{ name: "path", value: "s3://b/k" }]),
    ).toThrow(new ParameterError("Parameters list contains unused parameters. Unused parameters: [path]"));
  });

  it("lists every unused parameter name", () => {
    expect(() =>
      bindNamedParameters("SELECT :a", [
        { name: "a", value: "1" },
        { name: "id", value: "2" },
        { name: "b", value: "3" },
      ]),
    ).toThrow("Parameters list contains unused parameters. Unused parameters: [id, b]");
  });

  it("rejects @-style names with an empty ValidationException message", () => {
    let error: unknown;
    try {
      bindNamedParameters("SELECT @email", [{ name: "@email", value: "x" }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).code).toBe("ValidationException");
    expect((error as ParameterError).message).toBe("");
  });

  it("leaves a placeholder without a parameter in place", () => {
    expect(bindNamedParameters("SELECT :a, :b", [{ name: "a", value: "1" }]).sql).toBe("SELECT $1, :b");
  });
});
