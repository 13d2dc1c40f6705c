/**
 * runCopy: the CopyExecutor behind the Data API (`setCopyExecutor`), a real COPY from S3.
 * https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html
 *
 * Order, as Redshift's leader goes (each failure ends the statement FAILED with the text in
 * `Error`): parse → target table exists → the user may insert into it (an empty load through the
 * SQL engine, so the engine's own "permission denied for relation <t>" and column errors apply) →
 * DB-level ASSUMEROLE privilege → role association, trust, chain → read S3 as the session → plan
 * (Redshift's conversions, MAXERROR) → load as the user → STL_LOAD_ERRORS/SYS_LOAD_ERROR_DETAIL rows
 * for skipped or failing records. A successful COPY reports the rows loaded (ResultRows).
 *
 * On a serverless workgroup the namespace's roles play the cluster's (the Data API passes the
 * namespace in the cluster's shape and the workgroup's ARN as the sessions' aws:SourceArn).
 *
 * Known gaps: on a workgroup, the role sessions' aws:SourceArn is the workgroup's ARN and their
 * sts:ExternalId the namespace's dbuser ARN in the cluster form [I]; the order of the privilege checks relative to credential resolution is inferred, not observed; the
 * load error rows and the load are not one transaction.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Caller } from "../../core/types.ts";
import { SqlError } from "../../sql/index.ts";
import {
  type CopyCommand,
  CopyNotSupportedError,
  fastPlan,
  loadFailedMessage,
  parseCopy,
  planLoad,
  RedshiftSqlError,
} from "../copy/index.ts";
import type { CopyExecutor, CopyOutcome, CopyRequest } from "../copy-executor.ts";
import { assumeRoleDenial } from "./assumerole-privilege.ts";
import { copyFailure, pidFor } from "./copy-failure.ts";
import { readCopySources, SourceFailure, s3ServiceException } from "./read-copy-sources.ts";
import {
  assumeCopyRoles,
  CredentialFailure,
  callerForKeys,
  copyRoles,
  KeyRejected,
} from "./resolve-copy-credentials.ts";
import { targetTable } from "./target-table.ts";
import { writeLoadErrors } from "./write-load-errors.ts";

const NO_WAREHOUSE = "chaincheck emulator: COPY reached the executor without a cluster or workgroup";

export const runCopy: CopyExecutor = async (request: CopyRequest): Promise<CopyOutcome> => {
  const copy = parse(request.sql);
  const { db, sqlUser, cluster, world } = request;
  if (!cluster) throw new SqlError(NO_WAREHOUSE, { code: "0A000" });
  const table = await targetTable(db, copy.table, request.session);
  const queryId = table.queryId;
  const target = { schema: table.schema, name: table.name };
  // Empty load: the SQL engine decides INSERT privilege and column names with its own words.
  await db.copyFromBlob({
    user: sqlUser,
    table: target,
    columns: copy.columns,
    data: "",
    format: "csv",
    signal: request.signal,
    session: request.session,
  });

  const requestId = randomUUID();
  const caller = resolveCaller(request, copy, queryId, requestId);

  let sources: ReturnType<typeof readCopySources>;
  try {
    sources = readCopySources({ world, caller, copy, region: copy.region ?? request.region, requestId });
  } catch (error) {
    if (error instanceof SourceFailure) throw copyFailure(error.message, queryId, error.detail);
    if (error instanceof RedshiftSqlError) throw redshiftError(error);
    throw error;
  }

  let plan: ReturnType<typeof planLoad>;
  try {
    // Plain, clean data goes to Postgres as it is; anything else is planned field by field.
    plan =
      fastPlan(copy, sources.objects, { columns: table.columns }) ??
      planLoad(
        copy,
        sources.objects,
        { columns: table.columns },
        sources.jsonPaths ? { jsonPaths: sources.jsonPaths } : {},
      );
  } catch (error) {
    if (error instanceof RedshiftSqlError) throw redshiftError(error);
    throw error;
  }
  const owner = { sqlUser, tableOid: table.oid, queryId, pid: pidFor(queryId) };
  if (plan.failed) {
    await writeLoadErrors(db, owner, plan.errors);
    throw copyFailure(loadFailedMessage(table.name), queryId);
  }
  const loaded = await db.copyFromBlob({
    user: sqlUser,
    table: target,
    columns: plan.columns,
    data: plan.csv,
    format: "csv",
    ...(plan.delimiter ? { delimiter: plan.delimiter } : {}),
    signal: request.signal,
    session: request.session,
  });
  if (plan.errors.length > 0) await writeLoadErrors(db, owner, plan.errors);
  return { rowsLoaded: loaded.rowsLoaded, queryId };
};

/** The session COPY reads S3 with, or the statement's failure. */
function resolveCaller(request: CopyRequest, copy: CopyCommand, queryId: number, requestId: string): Caller {
  const { world, cluster, sqlUser } = request;
  try {
    if (copy.authorization.kind === "access-keys") return callerForKeys(world, copy.authorization);
    const roles = copyRoles(cluster!, copy.authorization);
    const denied = assumeRoleDenial(cluster!, {
      sqlUser,
      chain: roles.roles.join(","),
      viaDefault: roles.viaDefault,
    });
    if (denied) throw new SqlError(denied, { code: "42501" });
    return assumeCopyRoles(
      { world, cluster: cluster!, sqlUser, requestId, sourceArn: request.sourceArn },
      roles,
    );
  } catch (error) {
    if (error instanceof CredentialFailure) throw copyFailure(error.message, queryId, error.detail);
    if (!(error instanceof KeyRejected)) throw error;
    const message = s3ServiceException({
      message: error.message,
      status: error.status,
      code: error.code,
      requestId: randomBytes(8).toString("hex").toUpperCase(),
      extendedRequestId: randomBytes(57).toString("base64"),
    });
    throw copyFailure(message, queryId, {
      code: 8001,
      context: `Listing bucket=${copy.source.bucket} prefix=${copy.source.prefix}`,
      location: "s3_utility.cpp:840",
    });
  }
}

function parse(sql: string): CopyCommand {
  try {
    return parseCopy(sql);
  } catch (error) {
    if (error instanceof RedshiftSqlError) throw redshiftError(error);
    if (error instanceof CopyNotSupportedError) throw new SqlError(error.message, { code: "0A000" });
    throw error;
  }
}

/** The copy library's errors (manifest, JSONPaths, syntax) keep their SQLSTATE; no DETAIL block is on record for them. */
function redshiftError(error: RedshiftSqlError): SqlError {
  return new SqlError(error.message, { code: error.sqlState });
}
