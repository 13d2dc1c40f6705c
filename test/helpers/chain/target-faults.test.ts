import { describe, expect, test } from "vitest";
import { startEmulator } from "../../../emulator/index.ts";
import { exitCodeFor } from "../../../helpers/chain/runner.ts";
import { statementTargetFault } from "../../../helpers/chain/statement.ts";
import type { LinkId } from "../../../helpers/links.ts";
import type { LinkReport, Report } from "../../../helpers/report/types.ts";
import { runSetup } from "../../../helpers/scenarios/run-scenario.ts";
import { SEED } from "../../support/constants.ts";
import { runAgainstEndpoint } from "./endpoint-run.ts";
import type { FaultProxy } from "./fault-proxy.ts";
import { seedBehindFaultProxy } from "./seed-behind-fault-proxy.ts";

const SERVERLESS_COPY = new URL("./fixtures/serverless-copy.yaml", import.meta.url).pathname;

const running = seedBehindFaultProxy();

async function runWith(rewrite: FaultProxy["rewrite"], options: { statementTimeoutMs?: number } = {}) {
  running.proxy.rewrite = rewrite;
  try {
    return await runAgainstEndpoint(running.emu, SEED, running.proxy.endpoint, options);
  } finally {
    running.proxy.rewrite = () => undefined;
  }
}

function erroredLink(report: Report, id: LinkId): LinkReport {
  const link = report.links.find((l) => l.id === id) as LinkReport;
  expect([exitCodeFor(report), report.verdict, report.failedLink, link.status, link.diagnosis]).toEqual([
    3,
    "error",
    null,
    "error",
    undefined,
  ]);
  return link;
}

describe("a target's own faults end the link error, exit 3, never a failure blamed on A or B", () => {
  test("ExecuteStatement answering CreatedAt as an ISO string (moto's) is an answer the SDK cannot read", async () => {
    const report = await runWith((operation, status, body) => {
      if (operation !== "ExecuteStatement" || status !== 200) return undefined;
      const answer = JSON.parse(body) as Record<string, unknown>;
      return { status, body: JSON.stringify({ ...answer, CreatedAt: "2026-12-03T12:00:00.000Z" }) };
    });
    const link = erroredLink(report, "execute-statement");
    expect(link.error?.targetFault).toBe("malformed");
    expect(link.checks?.at(-1)?.detail).toMatch(
      /^the target answered redshift-data ExecuteStatement with a body the AWS SDK cannot read/,
    );
  });

  test("SimulatePrincipalPolicy answering 500 is the target's fault, not a permission the tester lacks", async () => {
    const report = await runWith((operation, _status, body) =>
      operation === "SimulatePrincipalPolicy" ? { status: 500, body: body.slice(0, 40) } : undefined,
    );
    const link = erroredLink(report, "lambda-role");
    const check = link.checks?.find((c) => c.name === "A allows sts:AssumeRole");
    expect(check).toMatchObject({
      name: "A allows sts:AssumeRole",
      status: "error",
      detail: expect.stringMatching(
        /^the target answered HTTP 500 \(\w+\) to iam SimulatePrincipalPolicy after 2 retries$/,
      ),
    });
    expect(JSON.stringify(report)).not.toContain("the tester needs");
  });

  test("a 501 on GetClusterCredentials is a target gap", async () => {
    const report = await runWith((operation) =>
      operation === "GetClusterCredentials"
        ? {
            status: 501,
            body: "<ErrorResponse><Error><Code>InternalFailure</Code><Message>not implemented</Message></Error></ErrorResponse>",
          }
        : undefined,
    );
    const link = erroredLink(report, "cluster-credentials");
    expect([link.error?.targetFault, link.note]).toEqual([
      "gap",
      "target gap: redshift GetClusterCredentials",
    ]);
  });

  test("a truncated GetCallerIdentity answer is malformed, not wrong-account credentials", async () => {
    const report = await runWith((operation, status, body) =>
      operation === "GetCallerIdentity" && status === 200
        ? { status, body: body.slice(0, body.length / 2) }
        : undefined,
    );
    const link = erroredLink(report, "assume-role");
    expect(link.error?.targetFault).toBe("malformed");
  });

  test("a statement the target leaves STARTED past the timeout is the target's, not statement-timeout", async () => {
    const report = await runWith(
      (operation, status, body) =>
        operation === "DescribeStatement" && status === 200
          ? { status, body: JSON.stringify({ ...(JSON.parse(body) as object), Status: "STARTED" }) }
          : undefined,
      { statementTimeoutMs: 300 },
    );
    const link = erroredLink(report, "execute-statement");
    expect(link.checks?.at(-1)?.detail).toMatch(
      /^the target left statement \S+ unfinished \(redshift-data DescribeStatement\): statement did not finish within 300 ms; cancelled$/,
    );
  });

  test("a target that denies GetClusterCredentials which B's policy allows is the target's fault, not B's policy", async () => {
    const report = await runWith((operation) =>
      operation === "GetClusterCredentials"
        ? {
            status: 403,
            body: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: redshift:GetClusterCredentials</Message></Error><RequestId>r</RequestId></ErrorResponse>",
          }
        : undefined,
    );
    const link = erroredLink(report, "cluster-credentials");
    expect(link.checks?.at(-1)?.detail).toBe(
      "the target denied redshift GetClusterCredentials on arn:aws:redshift:ap-northeast-1:222222222222:dbuser:chaincheck-cluster/app_user and arn:aws:redshift:ap-northeast-1:222222222222:dbname:chaincheck-cluster/dev, which chaincheck-redshift-role's policies allow (read from B, evaluated by chaincheck's policy engine): the target does not evaluate this policy as AWS does",
    );
  });

  test("a denial B's policy really makes stays a failure of the setup on an endpoint", async () => {
    const setup = new URL("../../../fixtures/scenarios/get-cluster-credentials-denied.yaml", import.meta.url)
      .pathname;
    await using broken = await startEmulator({ setup });
    const report = await runAgainstEndpoint(broken, setup);
    const link = report.links.find((l) => l.id === "cluster-credentials");
    expect([exitCodeFor(report), link?.status, link?.diagnosis?.cause]).toEqual([
      1,
      "fail",
      "get-cluster-credentials-denied",
    ]);
  });

  test("on aws a statement past the timeout keeps its own cause", () => {
    const outcome = {
      id: "s-1",
      status: "TIMEOUT",
      error: "statement did not finish within 300 ms; cancelled",
    };
    const ctx = { target: "aws" } as Parameters<typeof statementTargetFault>[0];
    expect(statementTargetFault(ctx, outcome)).toBeUndefined();
    expect(statementTargetFault({ ...ctx, target: "endpoint" }, outcome)).toMatch(
      /^the target left statement s-1/,
    );
  });

  test("COPY on a serverless workgroup loads through the namespace's IAM role, exit 0", async () => {
    const report = await runSetup(SERVERLESS_COPY);
    const link = report.links.find((l) => l.id === "copy-from-s3") as LinkReport;
    expect([exitCodeFor(report), report.verdict, link.status]).toEqual([0, "pass", "pass"]);
    expect(link.checks?.find((c) => c.name === "COPY")?.status).toBe("pass");
  });
});
