import { describe, expect, test } from "vitest";
import { formatConsoleReport } from "../../../helpers/report/console-reporter.ts";
import { renderReport } from "../../../helpers/report/format-report.ts";
import { installProgressLine, reportProgress, withProgressLabel } from "../../../helpers/report/progress.ts";
import { COLOR, useColor } from "../../../helpers/report/terminal-style.ts";
import { failingReport, laxPassingReport, unsettledReport } from "./sample-report.ts";

describe("console reporter", () => {
  test("says which passes the target did not enforce, with their control, and the verdict wired, not verified", () => {
    expect(formatConsoleReport(laxPassingReport())).toBe(
      [
        "chaincheck — target endpoint, origin local",
        "lambda-role ✔ → assume-role ✔ → cluster-credentials ✔ → execute-statement ✔ → copy-from-s3 –",
        "✔ lambda-role          pass        30 ms",
        "✔ assume-role          pass (not enforced by this target)    20 ms",
        "    control: sts AssumeRole into R from B's own session — allowed: credentials were returned",
        "    ✔ AssumeRole: assumed R",
        "✔ cluster-credentials  pass (enforcement unknown)    10 ms",
        "    control: redshift GetClusterCredentials for DB user x — inconclusive: the target failed",
        "✔ execute-statement    pass       300 ms",
        "– copy-from-s3         skipped            no COPY source configured (CHAINCHECK_COPY_SOURCE)",
        "verdict: pass — wired, not verified: assume-role passed on a target that did not enforce them (640 ms)",
      ].join("\n"),
    );
  });

  test("shows the chain as a row, marks per status, timings, and AWS's error and the diagnosis under the failed link", () => {
    const report = failingReport();
    report.links[1].calls![0].retries = 2;
    expect(formatConsoleReport(report)).toBe(
      [
        "chaincheck — target embedded, origin lambda-probe",
        "lambda-role ✔ → assume-role ✘ → cluster-credentials ⏸ → execute-statement ⚠ → copy-from-s3 –",
        "✔ lambda-role          pass        40 ms",
        "    ✔ function role: runs as role L",
        "✘ assume-role          fail        12 ms",
        "    ✘ AssumeRole: AccessDenied: User: L is not authorized",
        "    retried sts AssumeRole ×2 (transient fault: throttling, 5xx or dropped connection)",
        "    AWS error  sts AssumeRole → AccessDenied",
        "               HTTP 403 · request id req-2",
        "               User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on <R> & more",
        "    diagnosis  trust-policy-missing-principal — side B must change",
        "               R's trust policy does not name L",
        "    fix:",
        '      { "Principal": { "AWS": "arn:aws:iam::111111111111:role/L" } }',
        "⏸ cluster-credentials  blocked            blocked by assume-role",
        "⚠ execute-statement    error              target gap: redshift-data ExecuteStatement",
        "– copy-from-s3         skipped            no COPY source configured (CHAINCHECK_COPY_SOURCE)",
        "note: IAM enforced, 100%",
        "verdict: fail — link assume-role failed (812 ms)",
      ].join("\n"),
    );
  });

  test("leads an unsettled diagnosis with how many causes remain, not with one of them", () => {
    const lines = formatConsoleReport(unsettledReport()).split("\n");
    expect(lines.filter((l) => l.includes("diagnosis"))).toEqual([
      "    diagnosis  one of 2 causes (not settled): trust-policy-external-id, trust-policy-missing-principal — the fix is for the most likely, side A",
    ]);
  });

  test("lists static warnings and names what a failed link proves when there is no diagnosis", () => {
    const report = failingReport();
    delete report.links[1].diagnosis;
    report.warnings = [
      { check: "dbuser-arn-format", severity: "warning", message: "dbuser:<user>/<db>", fix: "…" },
    ];
    const lines = formatConsoleReport(report).split("\n");
    expect(lines).toContain(
      "    proves: sts:AssumeRole into B's role succeeds from the Lambda's identity (trust policy, ExternalId, session duration) and the credentials really are account B's",
    );
    expect(lines).toContain("warning: dbuser-arn-format — dbuser:<user>/<db>");
  });

  test("colours marks and statuses only with the colour style; the text is otherwise the same", () => {
    const report = failingReport();
    const coloured = formatConsoleReport(report, { style: COLOR });
    expect(coloured.split("\n")[2]).toBe(
      "\u001b[32m✔\u001b[39m lambda-role          \u001b[32mpass    \u001b[39m    40 ms",
    );
    expect(coloured.split("\n").at(-1)).toBe(
      "\u001b[31mverdict: fail — link assume-role failed (812 ms)\u001b[39m",
    );
    expect(
      coloured
        .split("\u001b[")
        .map((part, i) => (i === 0 ? part : part.replace(/^\d+m/, "")))
        .join(""),
    ).toBe(formatConsoleReport(report));
    expect(renderReport(report, "console", {})).not.toContain("\u001b[");
  });

  test("uses colour on a terminal only, never with NO_COLOR, and with FORCE_COLOR", () => {
    expect([
      useColor({ isTTY: true }, {}),
      useColor({ isTTY: false }, {}),
      useColor({}, {}),
      useColor({ isTTY: true }, { NO_COLOR: "1" }),
      useColor({ isTTY: false }, { FORCE_COLOR: "1" }),
      useColor({ isTTY: true }, { FORCE_COLOR: "1", NO_COLOR: "1" }),
      useColor({ isTTY: false }, { FORCE_COLOR: "0" }),
    ]).toEqual([true, false, false, false, true, false, false]);
  });
});

describe("progress line", () => {
  function stream(isTTY: boolean) {
    const writes: string[] = [];
    return { isTTY, columns: 40, writes, write: (text: string) => writes.push(text) };
  }

  test("draws on one terminal line, prefixes the environment, truncates to the width and clears at the end", async () => {
    const tty = stream(true);
    const stop = installProgressLine(tty);
    reportProgress("execute-statement: Data API statement…");
    await withProgressLabel("staging", async () =>
      reportProgress("statement 1234abcd… STARTED, 1.2 s, 4 polls"),
    );
    stop();
    reportProgress("after the end");
    expect(tty.writes).toEqual([
      "\r\u001b[2Kexecute-statement: Data API statement…",
      "\r\u001b[2K[staging] statement 1234abcd… STARTED,…",
      "\r\u001b[2K",
    ]);
  });

  test("writes nothing when the stream is not a terminal", () => {
    const piped = stream(false);
    const stop = installProgressLine(piped);
    reportProgress("execute-statement: Data API statement…");
    stop();
    expect(piped.writes).toEqual([]);
  });
});
