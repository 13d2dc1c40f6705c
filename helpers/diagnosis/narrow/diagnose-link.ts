/**
 * In-run diagnosis of the first failing link: what AWS returned (the link's error, or the failed
 * statement's text for links 4–5) classified by ../classify/classify-error.ts, then narrowed per link with what
 * the harness can read (narrow-*.ts) into one Diagnosis with the user's real ARNs in the fix.
 * Never throws for a failed read: it reports what could not be read and which permission would settle it.
 *
 * Known gaps: COPY failures are narrowed by narrow-copy.ts only for role association, the role's
 * trust, the S3 sides and load errors; a link that failed without any AWS text or known check
 * gets no diagnosis.
 */
import type { Diagnosis, LinkReport } from "../../report/types.ts";
import { type Classification, classifyError } from "../classify/classify-error.ts";
import { parseErrorText } from "../classify/parse-error-text.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import { type Finding, toDiagnosis } from "./finding.ts";
import { checkById, failedStatement, unhandled } from "./link-checks.ts";
import { narrowAssumeDenied } from "./narrow-assume-role.ts";
import { narrowClusterCredentials } from "./narrow-cluster-credentials.ts";
import { narrowCopy } from "./narrow-copy.ts";
import { narrowExecuteStatement, narrowMissingCluster } from "./narrow-execute-statement.ts";
import { narrowLambdaRole } from "./narrow-lambda-role.ts";
import { weighScps } from "./narrow-scps.ts";

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
  const statement = failedStatement(report);
  if (statement?.error) return classifyError(parseErrorText(statement.error, "async"));
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
      const areB = checkById(report, "credentials-are-b");
      if (!report.error && areB?.status === "fail")
        return {
          cause: "wrong-account-credentials",
          evidence: [
            `GetCallerIdentity with the AssumeRole credentials shows ${areB.facts?.callerArn ?? "another identity"}, expected ${areB.facts?.expectedArn ?? "B's role session"}.`,
          ],
        };
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
    default:
      return unhandled(report.id, "link id");
  }
}

/** What the diagnosis concluded for a failed link, before it is rendered (tests read `rule` here). */
export async function findingForLink(report: LinkReport, ctx: DiagnoseContext): Promise<Finding | undefined> {
  const c = classifyLinkFailure(report);
  const narrowed = await narrow(report, c, ctx);
  const finding = narrowed && (await weighScps(report, c, narrowed, ctx));
  if (finding && c?.rule) finding.rule ??= c.rule;
  return finding;
}

export async function diagnoseLink(report: LinkReport, ctx: DiagnoseContext): Promise<Diagnosis | undefined> {
  const finding = await findingForLink(report, ctx);
  return finding ? toDiagnosis(finding, ctx.values, report.id) : undefined;
}
