/**
 * How a failed COPY reads in DescribeStatement's `Error`: Redshift's first line, and for the
 * failures Redshift reports from its leader with an internal code (credentials, S3), the DETAIL
 * block drivers print under it (docs/failures.md LINK 5, "usually followed by a DETAIL block"):
 *
 *   ERROR: <message>
 *     DETAIL:
 *     -----------------------------------------------
 *     error:  <message>
 *     code:      8001
 *     context:   <IAM Role=… | S3 key being read : s3://… | Listing bucket=… prefix=… | empty>
 *     query:     <id>
 *     location:  <file.cpp:line>
 *     process:   padbmaster [pid=<n>]
 *     -----------------------------------------------
 *
 * The field padding ("error:  ", "code:      ", …) is Redshift's, as printed in public transcripts
 * (docs/failures.md L5-01, L5-06, L5-10 sources; e.g. a JDBC trace of "The specified S3 prefix …
 * does not exist" with `location: s3_utility.cpp:539` and an empty context).
 *
 * Known gaps: whether the Data API's `Error` carries the DETAIL block at all is unconfirmed
 * (catalog: "match on the first line"); the `DETAIL:` header line follows the project's chosen form.
 * `pid` is synthetic (derived from the query id), not a real leader pid.
 */
import { SqlError } from "../../sql/index.ts";

export interface RedshiftDetail {
  /** Redshift's internal code: 8001 (COPY/S3), 30000 (credentials service). */
  code: number;
  context: string;
  location: string;
}

const RULE = "  -----------------------------------------------";

export function pidFor(queryId: number): number {
  return 1000 + ((queryId * 7919) % 30000);
}

export function detailBlock(message: string, detail: RedshiftDetail, queryId: number): string {
  return [
    RULE,
    `  error:  ${message}`,
    `  code:      ${detail.code}`,
    `  context:   ${detail.context}`,
    `  query:     ${queryId}`,
    `  location:  ${detail.location}`,
    `  process:   padbmaster [pid=${pidFor(queryId)}]`,
    RULE,
  ].join("\n");
}

/**
 * A COPY failure as the statement runner reports it (SqlError: its message is the `Error` text).
 * SQLSTATE XX000 is what Redshift returns for these internal errors.
 */
export function copyFailure(message: string, queryId: number, detail?: RedshiftDetail): SqlError {
  // The query id is kept so DescribeStatement reports it (stl_load_errors rows carry the same id).
  if (!detail) return new SqlError(message, { code: "XX000", queryId });
  const block = detailBlock(message, detail, queryId);
  return new SqlError(`${message}\n  DETAIL: \n${block}`, { code: "XX000", detail: block, queryId });
}
