/**
 * parseCopy: Redshift's COPY statement, text formats from S3 only.
 * https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html
 *
 * Known gaps: columnar and other formats (PARQUET, ORC, AVRO, FIXEDWIDTH, SHAPEFILE), other
 * sources (DynamoDB, EMR, SSH), other compressions (BZIP2, LZOP, ZSTD) and the options in
 * UNSUPPORTED_OPTIONS raise CopyNotSupportedError. Three-part names (db.schema.table) are
 * rejected as syntax errors. Duplicate options are rejected with Postgres's
 * "conflicting or redundant options" (Redshift's text for this case was not found).
 */
import type { CopyAuthorization, CopyCommand, CopySource } from "./copy-command.ts";
import {
  CopyNotSupportedError,
  MISSING_AUTHORIZATION,
  RedshiftSqlError,
  SUPPORTED_OPTIONS,
} from "./copy-errors.ts";
import { applyOption, isOptionKeyword, type OptionState } from "./copy-options.ts";
import { TokenCursor } from "./token-cursor.ts";
import { tokenizeSql } from "./tokenize-sql.ts";

export { SUPPORTED_OPTIONS };

/** For routing: true when the first keyword of the statement is COPY. */
export function isCopyStatement(sql: string): boolean {
  try {
    const first = tokenizeSql(sql)[0];
    return first.kind === "word" && first.value === "copy";
  } catch {
    return /^\s*copy\b/i.test(sql);
  }
}

export function parseCopy(sql: string): CopyCommand {
  const cursor = new TokenCursor(tokenizeSql(sql));
  cursor.expectWord("copy");

  const first = cursor.expectIdentifier();
  const table = cursor.acceptPunct(".")
    ? { schema: first, name: cursor.expectIdentifier() }
    : { name: first };

  let columns: string[] | undefined;
  if (cursor.acceptPunct("(")) {
    columns = [cursor.expectIdentifier()];
    while (cursor.acceptPunct(",")) columns.push(cursor.expectIdentifier());
    cursor.expectPunct(")");
  }

  cursor.expectWord("from");
  const source = parseSource(cursor.expectString().value);

  const state: OptionState = { seen: new Set() };
  while (!cursor.atEnd()) {
    if (cursor.acceptPunct(";")) {
      if (!cursor.atEnd()) cursor.fail();
      break;
    }
    if (cursor.acceptPunct(",")) continue;
    const token = cursor.peek();
    if (token.kind !== "word" || !isOptionKeyword(token.value)) cursor.fail();
    applyOption(cursor, state);
  }

  return finish(table, columns, source, state);
}

/**
 * `s3://bucket/prefix`. DynamoDB and EMR sources are real Redshift features the emulator lacks;
 * anything else is not a COPY source at all.
 */
function parseSource(url: string): CopySource {
  const scheme = /^([a-z0-9]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "dynamodb" || scheme === "emr") throw new CopyNotSupportedError(`FROM '${scheme}://…'`);
  const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(url);
  if (scheme !== "s3" || !match || match[1] === "") {
    throw new RedshiftSqlError(
      `Invalid COPY source '${url}': expected s3://bucket/prefix (the emulator loads from Amazon S3 only)`,
      "XX000",
      8001,
    );
  }
  return { url, bucket: match[1], prefix: match[2] };
}

function finish(
  table: CopyCommand["table"],
  columns: string[] | undefined,
  source: CopySource,
  s: OptionState,
): CopyCommand {
  const authorization = resolveAuthorization(s);
  const format = s.format ?? { kind: "text" as const };
  if (s.quote !== undefined && format.kind !== "csv") {
    throw new RedshiftSqlError("QUOTE AS is valid only with the CSV format", "XX000", 8001);
  }
  if (format.kind === "csv") {
    format.quote = s.quote ?? '"';
    if (s.removeQuotes) throw new RedshiftSqlError("REMOVEQUOTES cannot be used with CSV", "XX000", 8001);
    if (s.escape) throw new RedshiftSqlError("ESCAPE cannot be used with CSV", "XX000", 8001);
  }
  if (format.kind === "json" && (s.delimiter !== undefined || s.fillRecord || s.removeQuotes)) {
    const option = s.delimiter !== undefined ? "DELIMITER" : s.fillRecord ? "FILLRECORD" : "REMOVEQUOTES";
    throw new RedshiftSqlError(`${option} cannot be used with JSON`, "XX000", 8001);
  }
  const delimiter = s.delimiter ?? (format.kind === "csv" ? "," : "|");
  if (format.kind === "csv" && delimiter === (s.quote ?? '"')) {
    throw new RedshiftSqlError("DELIMITER and QUOTE must be different characters", "XX000", 8001);
  }
  return {
    table,
    ...(columns ? { columns } : {}),
    source,
    manifest: s.manifest ?? false,
    authorization,
    format,
    delimiter,
    ignoreHeader: s.ignoreHeader ?? 0,
    gzip: s.gzip ?? false,
    nullAs: s.nullAs ?? "\\N",
    dateFormat: s.dateFormat ?? "YYYY-MM-DD",
    timeFormat: s.timeFormat ?? "YYYY-MM-DD HH:MI:SS",
    ...(s.region === undefined ? {} : { region: s.region }),
    maxError: s.maxError ?? 0,
    truncateColumns: s.truncateColumns ?? false,
    emptyAsNull: s.emptyAsNull ?? false,
    blanksAsNull: s.blanksAsNull ?? false,
    ...(s.acceptInvChars === undefined ? {} : { acceptInvChars: s.acceptInvChars }),
    removeQuotes: s.removeQuotes ?? false,
    escape: s.escape ?? false,
    fillRecord: s.fillRecord ?? false,
    ignoreBlankLines: s.ignoreBlankLines ?? false,
    trimBlanks: s.trimBlanks ?? false,
    ...(s.compUpdate === undefined ? {} : { compUpdate: s.compUpdate }),
    ...(s.statUpdate === undefined ? {} : { statUpdate: s.statUpdate }),
  };
}

/**
 * Exactly one of IAM_ROLE, CREDENTIALS or ACCESS_KEY_ID+SECRET_ACCESS_KEY[+SESSION_TOKEN]:
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-authorization.html
 */
function resolveAuthorization(s: OptionState): CopyAuthorization {
  const keys = s.accessKeyId !== undefined || s.secretAccessKey !== undefined || s.sessionToken !== undefined;
  const count = [s.iamRole, s.credentials, keys ? true : undefined].filter((x) => x !== undefined).length;
  if (count > 1) {
    throw new RedshiftSqlError(
      "Specify only one of IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY",
      "XX000",
      8001,
    );
  }
  if (s.iamRole) return s.iamRole;
  if (s.credentials) return s.credentials;
  if (keys) {
    if (!s.accessKeyId || !s.secretAccessKey) {
      throw new RedshiftSqlError(
        "ACCESS_KEY_ID and SECRET_ACCESS_KEY must be used together (SESSION_TOKEN needs both)",
        "XX000",
        8001,
      );
    }
    return {
      kind: "access-keys",
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      ...(s.sessionToken === undefined ? {} : { sessionToken: s.sessionToken }),
      via: "ACCESS_KEY_ID",
    };
  }
  throw new RedshiftSqlError(MISSING_AUTHORIZATION, "XX000", 8001);
}
