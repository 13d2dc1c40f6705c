import { describe, expect, test } from "vitest";
import { Bindings, bindStandalone, compareRecorded } from "./support/match-recorded.ts";

const compare = (recorded: unknown, actual: unknown, unverified: string[] = []) => {
  const bindings = new Bindings();
  bindStandalone(recorded, actual, bindings);
  return compareRecorded(recorded, actual, bindings, unverified, "$.snap").map((d) => d.path);
};

describe("compareRecorded", () => {
  test("matches equal members and placeholders standing for one value each", () => {
    const recorded = {
      Arn: "arn:<partition>:iam::111111111111:role/<role-name:1>",
      RoleName: "<role-name:1>",
    };
    expect(compare(recorded, { Arn: "arn:aws:iam::111111111111:role/r1", RoleName: "r1" })).toEqual([]);
  });

  test("reports a placeholder whose occurrences differ", () => {
    const recorded = { Arn: "arn:aws:iam::111111111111:role/<role-name:1>", RoleName: "<role-name:1>" };
    expect(compare(recorded, { Arn: "arn:aws:iam::111111111111:role/r2", RoleName: "r1" })).toEqual([
      "$.snap.Arn",
    ]);
  });

  test("reports one value standing where the recording has two different placeholders", () => {
    expect(compare({ Before: "<uuid:1>", After: "<uuid:2>" }, { Before: "a", After: "a" })).toEqual([
      "$.snap.After",
    ]);
  });

  test("reports members missing on either side and changed literals", () => {
    expect(compare({ A: 1, B: "x" }, { B: "y", C: true })).toEqual(["$.snap.A", "$.snap.B", "$.snap.C"]);
  });

  test("accepts any time where the recording wrote a time placeholder", () => {
    expect(
      compare(
        { CreateDate: "<datetime>", LastModified: "date" },
        { CreateDate: new Date(), LastModified: "2026-01-01T00:00:00.000+0000" },
      ),
    ).toEqual([]);
  });

  test("skips the paths the recording marks unverified", () => {
    expect(compare({ Role: { Tags: [] } }, { Role: { Tags: [{ Key: "k" }] } }, ["$..Role.Tags"])).toEqual([]);
    expect(
      compare({ Error: { Message: "a" } }, { Error: { Message: "b" } }, ["snap..Error.Message"]),
    ).toEqual([]);
    expect(
      compare({ Error: { Message: "a" } }, { Error: { Message: "b" } }, ["other..Error.Message"]),
    ).toEqual(["$.snap.Error.Message"]);
  });
});
