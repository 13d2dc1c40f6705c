import { describe, expect, test } from "vitest";
import type { Report } from "../../helpers/report/types.ts";
import { breakMismatches, diagnosisWordingProblems } from "../../helpers/scenarios/run-scenario.ts";

function reportWith(diagnosis: { side: string; summary: string; fix: string }): Report {
  return {
    schemaVersion: 1,
    target: "embedded",
    origin: "local",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1,
    verdict: "fail",
    failedLink: "lambda-role",
    links: [
      { id: "lambda-role", status: "fail", diagnosis: { cause: "explicit-deny", ...diagnosis } as never },
    ],
    notes: [],
  };
}

describe("the scenario self-test's check of a diagnosis's wording", () => {
  test("accepts a side and text with real values", () => {
    expect(
      diagnosisWordingProblems(
        reportWith({ side: "A", summary: "A Deny matches.", fix: "Remove the Deny in p-1." }),
      ),
    ).toEqual([]);
  });

  test("names a null side and a placeholder word standing where a value was missing", () => {
    expect(
      diagnosisWordingProblems(
        reportWith({ side: null as never, summary: "Denied by undefined.", fix: "Remove the Deny in none." }),
      ),
    ).toEqual([
      "diagnosis side is null, expected A or B",
      'diagnosis summary has the placeholder word "undefined": …Denied by undefined.…',
      'diagnosis fix has the placeholder word "none": …Remove the Deny in none.…',
    ]);
  });
});

describe("the scenario self-test's check of how sure a diagnosis is", () => {
  const settledReport = () =>
    reportWith({
      side: "A",
      summary: "A Deny matches.",
      fix: "Remove the Deny in p-1.",
      settled: true,
    } as never);

  test("accepts a diagnosis as sure as the scenario declares, and any when it declares nothing", () => {
    expect(
      breakMismatches({ link: "lambda-role", cause: "explicit-deny", settled: true }, settledReport()),
    ).toEqual([]);
    expect(breakMismatches({ link: "lambda-role", cause: "explicit-deny" }, settledReport())).toEqual([]);
  });

  test("names a settled diagnosis where the scenario expects several causes left open", () => {
    expect(
      breakMismatches({ link: "lambda-role", cause: "explicit-deny", settled: false }, settledReport()),
    ).toEqual(["expected a not settled diagnosis, got settled"]);
  });
});
