import { describe, expect, test } from "vitest";
import type { FormatName } from "../../../config/harness-config.ts";
import { REPORTERS, renderReport } from "../../../helpers/report/format-report.ts";
import { formatStepSummary } from "../../../helpers/report/github-reporter.ts";
import { redactReport, redactSecrets } from "../../../helpers/report/redact-secrets.ts";
import { failingReport } from "./sample-report.ts";

const CANARY_KEY = "canarySecretKey0123456789abcdefghijKLMNOP";
const CANARY_TOKEN = "IQoJb3JpZ2luX2VjECanarySessionToken";
const CANARY_PASSWORD = "canary-db-password-42";

describe("secret redaction", () => {
  test("no report format leaks the harness's keys, session token or a password AWS echoed", () => {
    const env = { AWS_SECRET_ACCESS_KEY: CANARY_KEY, AWS_SESSION_TOKEN: CANARY_TOKEN };
    const report = failingReport();
    report.links[1].error!.message = `denied for key ${CANARY_KEY} with token ${CANARY_TOKEN}`;
    report.links[0].checks![0].detail = `secret {"username":"app_user","password":"${CANARY_PASSWORD}"}`;
    for (const format of Object.keys(REPORTERS) as FormatName[]) {
      const text = renderReport(report, format, env);
      expect(text, format).not.toContain(CANARY_KEY);
      expect(text, format).not.toContain(CANARY_TOKEN);
      expect(text, format).not.toContain(CANARY_PASSWORD);
    }
    const summary = formatStepSummary(redactReport(report, env));
    expect(summary).not.toContain(CANARY_KEY);
  });

  test("keeps ordinary text and masks field values", () => {
    expect(redactSecrets('{"password": "hunter2", "user": "app"} <SessionToken>abc</SessionToken>', {})).toBe(
      '{"password": "***", "user": "app"} <SessionToken>***</SessionToken>',
    );
  });
});
