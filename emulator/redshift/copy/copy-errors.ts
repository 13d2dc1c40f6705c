/**
 * Errors COPY raises before or instead of loading rows, with Redshift's wording where it is on
 * record. These are SQL-engine errors (they end up in a Data API statement's `Error` text), not
 * AWS API errors, so they do not extend AwsError.
 *
 * Known gaps: texts marked "unverified" below were not found in AWS docs or public transcripts;
 * they are written to be clear and to keep Redshift's shape, and should be replaced when a real
 * transcript turns up.
 */

/** A Redshift SQL error: `message` is the text after `ERROR: `. */
export class RedshiftSqlError extends Error {
  /** Postgres SQLSTATE as Redshift reports it (XX000 for most COPY failures). */
  readonly sqlState: string;
  /** Redshift's internal error code from the DETAIL block (`code: 8001`), when it has one. */
  readonly redshiftCode?: number;

  constructor(message: string, sqlState: string, redshiftCode?: number) {
    super(message);
    this.name = "RedshiftSqlError";
    this.sqlState = sqlState;
    this.redshiftCode = redshiftCode;
  }
}

/** `syntax error at or near "x"` with Postgres's 1-based character position. */
export class CopySyntaxError extends RedshiftSqlError {
  readonly position: number;

  constructor(message: string, position: number) {
    super(message, "42601");
    this.name = "CopySyntaxError";
    this.position = position;
  }
}

/** A real Redshift COPY feature the emulator does not implement. Loud and uniform, one per option. */
export class CopyNotSupportedError extends Error {
  readonly option: string;

  constructor(option: string) {
    super(
      `chaincheck emulator: COPY option ${option} is not supported (supported: ${SUPPORTED_OPTIONS.join(", ")})`,
    );
    this.name = "CopyNotSupportedError";
    this.option = option;
  }
}

export const SUPPORTED_OPTIONS = [
  "FROM 's3://…'",
  "MANIFEST",
  "IAM_ROLE",
  "CREDENTIALS",
  "ACCESS_KEY_ID/SECRET_ACCESS_KEY/SESSION_TOKEN",
  "CSV [QUOTE]",
  "JSON 'auto'|'auto ignorecase'|'s3://jsonpaths'",
  "DELIMITER",
  "IGNOREHEADER",
  "GZIP",
  "NULL AS",
  "DATEFORMAT",
  "TIMEFORMAT",
  "REGION",
  "MAXERROR",
  "TRUNCATECOLUMNS",
  "EMPTYASNULL",
  "BLANKSASNULL",
  "ACCEPTINVCHARS",
  "REMOVEQUOTES",
  "ESCAPE",
  "FILLRECORD",
  "IGNOREBLANKLINES",
  "TRIMBLANKS",
  "ENCODING UTF8",
  "COMPUPDATE",
  "STATUPDATE",
] as const;

/**
 * The statement-level error when a load fails (note the two spaces after "failed.").
 * Text from the Redshift tutorial "Loading data from Amazon S3" and odo#298.
 */
export function loadFailedMessage(table: string): string {
  return `Load into table '${table}' failed.  Check 'stl_load_errors' system table for details.`;
}

/** Failure catalog L5-10 (apache/hop#3469). */
export function s3PrefixNotFoundMessage(prefix: string): string {
  return `The specified S3 prefix '${prefix}' does not exist`;
}

/** Code 8001, r_Load_Error_Reference; also what a wrong manifest path gives (catalog L5-07). */
export const MANIFEST_REQUIRES_FULL_PATH = "COPY with MANIFEST parameter requires full path of an S3 object";

/** Manifest texts from Redshift's own test suite as published (burst COPY bogus-character tests). */
export const MANIFEST_NOT_JSON = "Manifest file is not in correct json format";
export const MANIFEST_ROOT_NOT_OBJECT = "Root must be a json object in the manifest file";
export const MANIFEST_URL_MISSING =
  "Manifest file is not in expected format - 'url' field missing. Please check the user documentation for the correct format of manifest file during copy command.";
/** Unverified: modelled on the 'url' text above. */
export const MANIFEST_ENTRIES_MISSING =
  "Manifest file is not in expected format - 'entries' field missing. Please check the user documentation for the correct format of manifest file during copy command.";

/** Unverified wording for a mandatory manifest entry whose object does not exist. */
export function manifestMandatoryMissingMessage(url: string): string {
  return `Manifest file entry '${url}' is mandatory but the S3 object does not exist`;
}

/**
 * Malformed CREDENTIALS string. Wording as reported in risingwavelabs/risingwave#22926; the AWS
 * troubleshooting page shows an older, keys-only variant.
 */
export const INVALID_CREDENTIALS =
  "Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'";

/** Unverified: Redshift's text for a COPY with no authorization was not found. */
export const MISSING_AUTHORIZATION =
  "COPY requires authorization: specify IAM_ROLE, CREDENTIALS, or ACCESS_KEY_ID and SECRET_ACCESS_KEY";

/** Unverified: Redshift's text for a malformed role ARN was not found. */
export function invalidRoleArnMessage(arn: string): string {
  return `Invalid IAM role ARN '${arn}': expected arn:aws:iam::<12-digit account>:role/<name>`;
}

/** INFO after a load (Redshift tutorial "Load the CUSTOMER table using MANIFEST"). */
export function loadCompletedMessage(table: string, rows: number): string {
  return `Load into table '${table}' completed, ${rows} record(s) loaded successfully.`;
}

/** Warning when MAXERROR let some records be skipped (same tutorial; two spaces before "Check"). */
export function loadSkippedMessage(table: string, rows: number): string {
  return `Load into table '${table}' completed, ${rows} record(s) could not be loaded.  Check 'stl_load_errors' system table for details.`;
}
