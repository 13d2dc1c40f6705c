/**
 * How the diagnosis reads a link report: by check id and facts (helpers/report/types.ts), never by
 * a check's name or detail text, which are written for people and may change.
 */
import type { CheckById, CheckId, CheckResult, LinkReport } from "../../report/types.ts";

/** The link's check with that id, its facts typed. */
export function checkById<Id extends CheckId>(report: LinkReport, id: Id): CheckById<Id> | undefined {
  return report.checks?.find((c): c is CheckById<Id> => c.id === id);
}

/** The check that failed the link, if a check (rather than only an AWS error) did. */
export function failedCheck(report: LinkReport): CheckResult | undefined {
  return report.checks?.find((c) => c.status === "fail");
}

/** AWS's text behind a failed statement check (links 4–5), with the statement's status. */
export function failedStatement(report: LinkReport): { status?: string; error?: string } | undefined {
  const failed = failedCheck(report);
  switch (failed?.id) {
    case "probe-statement":
    case "scratch-table":
    case "copy":
      return failed.facts ? { status: failed.facts.status, error: failed.facts.error } : undefined;
    default:
      return undefined;
  }
}

/** For switches that must cover every case: a new member that is not handled fails to compile. */
export function unhandled(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${String(value)}`);
}
