/**
 * In-run diagnosis of the first failing link: what AWS returned (the link's error, or the failed
 * statement's text for links 4–5) classified by classify-error.ts, then narrowed per link with what
 * the harness can read (narrow-*.ts) into one Diagnosis with the user's real ARNs in the fix.
 * Never throws for a failed read: it reports what could not be read and which permission would settle it.
 *
 * Known gaps: COPY failures are narrowed by narrow-copy.ts only for role association, the role's
 * trust, the S3 sides and load errors; a link that failed without any AWS text or known check
 * gets no diagnosis.
 */
import type { Diagnosis, LinkReport } from "../report/types.ts";
import { type Classification, classifyError } from "./classify-error.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import { type Finding, toDiagnosis } from "./finding.ts";
import { narrowAssumeDenied } from "./narrow-assume-role.ts";
import { narrowClusterCredentials } from "./narrow-cluster-credentials.ts";
import { narrowCopy } from "./narrow-copy.ts";
import { narrowExecuteStatement, narrowMissingCluster } from "./narrow-execute-statement.ts";
import { narrowLambdaRole } from "./narrow-lambda-role.ts";
import { parseErrorText } from "./parse-error-text.ts";

/** The AWS text behind a failed link: its sync error, else the failed statement's Error. */
export function classifyLinkFailure(report: LinkReport): Classification | undefined {
  if (report.error) {
    const e = report.error;
    return classifyError({
      code: e.code,
      httpStatus: e.httpStatus,
      service: e.service,
      operation: e.operation,
      message: e.message,
      surface: "sync",
    });
  }
  const failed = report.checks?.find((c) => c.status === "fail");
  const text = report.note ?? /ended \w+: (.*)$/s.exec(failed?.detail ?? "")?.[1];
  if (text) return classifyError(parseErrorText(text, "async"));
  if (failed && /ended TIMEOUT|did not finish/.test(failed.detail))
    return classifyError({ message: failed.detail });
  return undefined;
}

function fromClassification(c: Classification): Finding | undefined {
  const [top, ...rest] = c.candidates;
  if (!top) return undefined;
  const said = c.parsed.code ? `${c.parsed.code}: ${c.parsed.message}` : c.parsed.message;
  return {
    cause: top.cause,
    side: top.side,
    evidence: [
      `AWS said ${said.length > 300 ? `${said.slice(0, 300)}…` : said}${said.endsWith(".") ? "" : "."}`,
    ],
    others: rest.map((o) => o.cause),
    settledBy: c.settledBy,
    values: c.facts,
  };
}

async function narrow(
  report: LinkReport,
  c: Classification | undefined,
  ctx: DiagnoseContext,
): Promise<Finding | undefined> {
  switch (report.id) {
    case "lambda-role":
      return (await narrowLambdaRole(report, ctx)) ?? (c && fromClassification(c));
    case "assume-role": {
      const failed = report.checks?.find((x) => x.status === "fail");
      if (!report.error && failed?.name === "credentials are B's")
        return { cause: "wrong-account-credentials", evidence: [failed.detail + "."] };
      if (c && !c.certain && c.candidates[0]?.cause === "trust-policy-missing-principal")
        return narrowAssumeDenied(c, ctx);
      return c && fromClassification(c);
    }
    case "cluster-credentials":
      return (
        (await narrowMissingCluster(c, ctx)) ??
        (await narrowClusterCredentials(report, c, ctx)) ??
        (c && fromClassification(c))
      );
    case "execute-statement":
      return (await narrowExecuteStatement(c, ctx)) ?? (c && fromClassification(c));
    case "copy-from-s3":
      return c && ((await narrowCopy(report, c, ctx)) ?? fromClassification(c));
  }
}

export async function diagnoseLink(report: LinkReport, ctx: DiagnoseContext): Promise<Diagnosis | undefined> {
  const c = classifyLinkFailure(report);
  const finding = await narrow(report, c, ctx);
  return finding ? toDiagnosis(finding, ctx.values) : undefined;
}
