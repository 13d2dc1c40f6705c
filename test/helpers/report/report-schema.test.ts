import { describe, expect, test } from "vitest";
import { runsEnvelope } from "../../../helpers/report/multi-report.ts";
import { reportValidators } from "./report-schema.ts";
import { failingReport, laxPassingReport } from "./sample-report.ts";

const validate = reportValidators();

describe("docs/report.schema.json", () => {
  test("accepts assurance on links and the report, a link's control, and a target fault on an error", () => {
    const report = laxPassingReport();
    const failing = failingReport();
    failing.links[1].error!.targetFault = "server";
    expect([validate.report(report), validate.report(failing)]).toEqual([[], []]);
  });

  test("rejects an assurance or a control outcome it does not know", () => {
    const report = laxPassingReport() as unknown as { links: Record<string, unknown>[] };
    report.links[0].assurance = "maybe";
    (report.links[1].control as Record<string, unknown>).outcome = "ignored";
    expect(validate.report(report).length).toBeGreaterThanOrEqual(2);
  });

  test("accepts the report of docs/contracts.md with the documented additions (checks, notes, warnings, retries)", () => {
    const report = failingReport();
    report.links[1].calls![0].retries = 1;
    report.warnings = [{ check: "dbuser-arn-format", severity: "warning", message: "m", fix: "f" }];
    expect(validate.report(report)).toEqual([]);
  });

  test("rejects a blocked link without blockedBy, an unknown status and an undocumented field", () => {
    const report = failingReport() as unknown as { links: Record<string, unknown>[]; extra?: number };
    delete report.links[2].blockedBy;
    report.links[3].status = "broken";
    report.extra = 1;
    expect(validate.report(report)).toEqual([
      "/ must NOT have additional properties",
      "/links/2 must have required property 'blockedBy'",
      '/links/2 must match "then" schema',
      "/links/3/status must be equal to one of the allowed values",
    ]);
  });

  test("rejects a check without an id and facts that are not plain values", () => {
    const report = failingReport() as unknown as { links: { checks: Record<string, unknown>[] }[] };
    delete report.links[0].checks[0].id;
    report.links[1].checks[0].facts = { nested: { a: 1 } };
    expect(validate.report(report)).toEqual([
      "/links/0/checks/0 must have required property 'id'",
      "/links/1/checks/0/facts/nested must be string,number,boolean",
    ]);
  });

  test("accepts an unsettled diagnosis with its candidates and the read that settles them", () => {
    const report = failingReport();
    report.links[1].diagnosis = {
      ...report.links[1].diagnosis!,
      cause: "trust-policy-external-id",
      side: "A",
      settled: false,
      candidates: ["trust-policy-external-id", "trust-policy-missing-principal"],
      settledBy: "iam:GetRole on arn:aws:iam::222222222222:role/R in B",
    };
    expect(validate.report(report)).toEqual([]);
  });

  test("rejects an unsettled diagnosis without candidates, a settled one with them, and a null side", () => {
    const unsettled = failingReport();
    unsettled.links[1].diagnosis = { ...unsettled.links[1].diagnosis!, settled: false };
    const settled = failingReport();
    settled.links[1].diagnosis = {
      ...settled.links[1].diagnosis!,
      candidates: ["trust-policy-external-id", "trust-policy-missing-principal"],
      side: null as never,
    };
    expect([validate.report(unsettled), validate.report(settled)]).toEqual([
      [
        "/links/1/diagnosis must have required property 'candidates'",
        "/links/1/diagnosis must have required property 'settledBy'",
        '/links/1/diagnosis must match "then" schema',
      ],
      [
        "/links/1/diagnosis/candidates boolean schema is false",
        '/links/1/diagnosis must match "else" schema',
        "/links/1/diagnosis/side must be equal to one of the allowed values",
      ],
    ]);
  });

  test("rejects retries: 0 (absent means none)", () => {
    const report = failingReport();
    report.links[0].calls![0].retries = 0;
    expect(validate.report(report)).toEqual(["/links/0/calls/0/retries must be >= 1"]);
  });
});

describe("docs/report-runs.schema.json", () => {
  test("accepts the envelope of several environments, with a report or an error each", () => {
    const envelope = runsEnvelope([
      { environment: "staging", exitCode: 1, report: failingReport() },
      { environment: "prod", exitCode: 3, error: "the target at http://127.0.0.1:9 does not answer" },
    ]);
    expect(envelope.exitCode).toBe(3);
    expect(validate.runs(envelope)).toEqual([]);
  });

  test("rejects a run with neither a report nor an error", () => {
    expect(
      validate.runs({ schemaVersion: 1, exitCode: 0, runs: [{ environment: "x", exitCode: 0 }] }),
    ).toEqual([
      "/runs/0 must have required property 'report'",
      "/runs/0 must have required property 'error'",
      "/runs/0 must match exactly one schema in oneOf",
    ]);
  });
});
