/**
 * Link 5 failed: a FAILED statement of the COPY check (the scratch table or the COPY itself).
 * The text is classified first; then the candidates are narrowed with reads:
 * - IAM_ROLE causes (association, trust, chained hops, ASSUMEROLE on a role the cluster cannot use):
 *   narrow-copy-role.ts;
 * - S3/KMS denials, region, missing source: narrow-copy-s3.ts;
 * - format errors: sys_load_error_detail / stl_load_errors for the COPY's query id, read as the
 *   statement's DB user (../read/read-load-errors.ts), so the summary names the line, column and reason;
 * - SQL causes of the scratch table or the COPY (privilege, missing table, syntax) keep their
 *   link-4 cause id; the fix says which statement and which setting.
 *
 * Known gaps: Serverless namespaces are not narrowed (the diagnosis reads provisioned clusters'
 * roles only); SCPs, boundaries, VPC endpoint policies and Object Ownership are not read.
 */
import type { LinkReport } from "../../report/types.ts";
import type { CauseId } from "../catalog/causes.ts";
import type { Classification } from "../classify/classify-error.ts";
import { describeLoadError, readLoadErrors } from "../read/read-load-errors.ts";
import { copyReportFacts } from "./copy-report-facts.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";
import { narrowCopyRole } from "./narrow-copy-role.ts";
import { narrowRegion, narrowS3Denied, narrowSourceMissing } from "./narrow-copy-s3.ts";

const ROLE_CAUSES = new Set<string>([
  "copy-role-not-associated",
  "copy-role-trust-missing-redshift",
  "copy-role-chain-broken",
  "copy-assumerole-privilege-missing",
] satisfies CauseId[]);

export async function narrowCopy(
  report: LinkReport,
  c: Classification,
  ctx: DiagnoseContext,
): Promise<Finding | undefined> {
  const top = c.candidates[0]?.cause;
  if (!top) return undefined;
  const facts = copyReportFacts(report, ctx.config.copySource);
  const firstLine = c.parsed.message.split("\n")[0].replace(/\s+$/, "");
  const said = `Redshift said: ${firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine}${firstLine.endsWith(".") ? "" : "."}`;
  const base = (): Finding => ({
    cause: top,
    evidence: [said],
    others: c.candidates.slice(1).map((x) => x.cause),
    settledBy: c.settledBy,
    values: {
      ...c.facts,
      ...(facts.statement ? { sqlStatement: facts.statement } : {}),
      // Redshift names the relation without its schema; the scratch table's source is the configured table.
      ...(facts.statement === "scratch table" &&
      c.facts.relation &&
      ctx.config.table?.endsWith(c.facts.relation)
        ? { relation: ctx.config.table }
        : {}),
    },
  });
  const copyRole = (ctx.config.copyRoleArn ?? c.facts.copyRoleArn ?? "").split(",").pop();

  if (ROLE_CAUSES.has(top)) {
    const found = await narrowCopyRole(c, ctx, said);
    return found ?? base();
  }
  if (/^copy-s3-(identity|bucket-policy)-denied$|^copy-kms-denied$/.test(top) && copyRole && facts.s3)
    return narrowS3Denied(c, ctx, copyRole, facts.s3, said);
  if (top === "copy-bucket-region-mismatch" && facts.s3) return narrowRegion(ctx, facts.s3.bucket, said);
  if (top === "copy-source-missing") {
    const source = /^s3:\/\/([^/]+)\/?(.*)$/.exec(ctx.config.copySource ?? "");
    if (source) return narrowSourceMissing(ctx, source[1], source[2], said);
  }
  if (top === "copy-format-error" && facts.queryId) {
    const found = base();
    found.values = { ...found.values, queryId: String(facts.queryId) };
    const rows = await readLoadErrors(ctx, facts.queryId);
    if (!rows.ok) found.evidence.push(`Load errors of query ${facts.queryId}: ${rows.why}.`);
    else if (rows.value.length) {
      const [first, ...more] = rows.value;
      found.evidence.push(
        `sys_load_error_detail for query ${facts.queryId}: ${describeLoadError(first)}${more.length ? ` (and ${more.length} more)` : ""}.`,
      );
      found.values = { ...found.values, loadError: describeLoadError(first), loadErrorLine: first.line };
    } else found.evidence.push(`sys_load_error_detail has no rows for query ${facts.queryId}.`);
    return found;
  }
  return base();
}
