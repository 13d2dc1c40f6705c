import type { Report } from "../../../helpers/report/types.ts";

export function failingReport(): Report {
  return {
    schemaVersion: 1,
    target: "embedded",
    origin: "lambda-probe",
    startedAt: "2026-01-02T03:04:05.000Z",
    durationMs: 812,
    verdict: "fail",
    failedLink: "assume-role",
    links: [
      {
        id: "lambda-role",
        status: "pass",
        durationMs: 40,
        calls: [
          {
            service: "lambda",
            operation: "GetFunctionConfiguration",
            durationMs: 3,
            httpStatus: 200,
            requestId: "req-1",
          },
        ],
        checks: [
          {
            id: "function-role",
            name: "function role",
            status: "pass",
            detail: "runs as role L",
            facts: { functionName: "fn", roleArn: "arn:aws:iam::111111111111:role/L" },
          },
        ],
      },
      {
        id: "assume-role",
        status: "fail",
        durationMs: 12,
        calls: [
          { service: "sts", operation: "AssumeRole", durationMs: 2, httpStatus: 403, requestId: "req-2" },
        ],
        checks: [
          {
            id: "assume-role",
            name: "AssumeRole",
            status: "fail",
            detail: "AccessDenied: User: L is not authorized",
            facts: { bRoleArn: "arn:aws:iam::222222222222:role/R", sessionName: "s", durationSeconds: 900 },
          },
        ],
        error: {
          service: "sts",
          operation: "AssumeRole",
          code: "AccessDenied",
          httpStatus: 403,
          requestId: "req-2",
          message:
            "User: arn:aws:sts::111111111111:assumed-role/L/x is not authorized to perform: sts:AssumeRole on <R> & more",
        },
        diagnosis: {
          cause: "trust-policy-missing-principal",
          side: "B",
          summary: "R's trust policy does not name L",
          fix: '{ "Principal": { "AWS": "arn:aws:iam::111111111111:role/L" } }',
          settled: true,
        },
      },
      { id: "cluster-credentials", status: "blocked", blockedBy: "assume-role" },
      { id: "execute-statement", status: "error", note: "target gap: redshift-data ExecuteStatement" },
      { id: "copy-from-s3", status: "skipped", note: "no COPY source configured (CHAINCHECK_COPY_SOURCE)" },
    ],
    notes: ["IAM enforced, 100%"],
  };
}

/** Every link passed on a target that allowed the negative controls of links 2 and 3. */
export function laxPassingReport(): Report {
  const control = (call: string) => ({
    call,
    outcome: "allowed" as const,
    detail: "credentials were returned",
  });
  return {
    schemaVersion: 1,
    target: "endpoint",
    origin: "local",
    startedAt: "2026-01-02T03:04:05.000Z",
    durationMs: 640,
    verdict: "pass",
    failedLink: null,
    links: [
      { id: "lambda-role", status: "pass", durationMs: 30, assurance: "enforced" },
      {
        id: "assume-role",
        status: "pass",
        durationMs: 20,
        assurance: "not-enforced",
        control: control("sts AssumeRole into R from B's own session"),
        checks: [
          {
            id: "assume-role",
            name: "AssumeRole",
            status: "pass",
            detail: "assumed R",
            facts: { bRoleArn: "arn:aws:iam::222222222222:role/R", sessionName: "s", durationSeconds: 900 },
          },
        ],
      },
      {
        id: "cluster-credentials",
        status: "pass",
        durationMs: 10,
        assurance: "unknown",
        control: {
          call: "redshift GetClusterCredentials for DB user x",
          outcome: "inconclusive",
          detail: "the target failed",
        },
      },
      { id: "execute-statement", status: "pass", durationMs: 300, assurance: "enforced" },
      { id: "copy-from-s3", status: "skipped", note: "no COPY source configured (CHAINCHECK_COPY_SOURCE)" },
    ],
    notes: [],
    assurance: "not-enforced",
  };
}

export function unsettledReport(): Report {
  const report = failingReport();
  report.links[1].diagnosis = {
    cause: "trust-policy-external-id",
    side: "A",
    summary:
      "One of 2 causes, not settled: trust-policy-external-id (most likely), trust-policy-missing-principal.",
    fix: "Read the ExternalId B's trust expects",
    settled: false,
    candidates: ["trust-policy-external-id", "trust-policy-missing-principal"],
    settledBy: "iam:GetRole on arn:aws:iam::222222222222:role/R in B",
  };
  return report;
}
