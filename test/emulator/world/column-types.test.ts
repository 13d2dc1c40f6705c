import { describe, expect, test } from "vitest";
import { isRedshiftColumnType } from "../../../emulator/world/validate-setup-resources.ts";

describe("setup column types", () => {
  test.each([
    "integer NOT NULL",
    "varchar(32) not null encode zstd",
    "bigint identity(1,1)",
    "numeric(10,2) default 0",
    "date sortkey",
  ])("accepts a Redshift type followed by column attributes: %s", (type) => {
    expect(isRedshiftColumnType(type)).toBe(true);
  });

  test.each(["integr NOT NULL", "integer NOT", "NOT NULL", "varchar(32) check (x > 0)"])(
    "refuses %s",
    (type) => {
      expect(isRedshiftColumnType(type)).toBe(false);
    },
  );
});
