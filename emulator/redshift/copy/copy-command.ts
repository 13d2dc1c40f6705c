/**
 * The parsed form of a Redshift COPY statement, as `parseCopy` returns it.
 * Syntax: https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html
 */

/** Table name with Redshift's case folding applied (see parse-copy.ts for why quoted names fold too). */
export interface CopyTarget {
  schema?: string;
  name: string;
}

export interface CopySource {
  /** The text between the quotes, e.g. `s3://bucket/load/part`. */
  url: string;
  bucket: string;
  /** Key prefix (or the manifest's key when `manifest` is true). */
  prefix: string;
}

/**
 * How COPY authenticates to S3. `roles` is the IAM_ROLE chain in order; the first role must be
 * associated with the cluster, each later one assumed by the one before it.
 * https://docs.aws.amazon.com/redshift/latest/mgmt/authorizing-redshift-service.html#authorizing-redshift-service-chaining-roles
 */
export type CopyAuthorization =
  | { kind: "iam-role"; roles: string[]; via: "IAM_ROLE" | "CREDENTIALS" }
  | { kind: "iam-role-default" }
  | {
      kind: "access-keys";
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
      via: "ACCESS_KEY_ID" | "CREDENTIALS";
    };

export type CopyFormat =
  | { kind: "text" }
  | { kind: "csv"; quote: string }
  | { kind: "json"; mode: "auto" | "auto ignorecase" }
  | { kind: "json"; mode: "jsonpaths"; jsonPathsUrl: string };

export interface CopyCommand {
  table: CopyTarget;
  /** Column list in file order, folded to lower case; undefined means every table column in order. */
  columns?: string[];
  source: CopySource;
  manifest: boolean;
  authorization: CopyAuthorization;
  format: CopyFormat;
  /** One character. Default `|` for text, `,` for CSV. */
  delimiter: string;
  ignoreHeader: number;
  gzip: boolean;
  /** Default `\N`. */
  nullAs: string;
  /** `auto` or a DATEFORMAT string; default `YYYY-MM-DD`. */
  dateFormat: string;
  /** `auto`, `epochsecs`, `epochmillisecs` or a TIMEFORMAT string; default `YYYY-MM-DD HH:MI:SS`. */
  timeFormat: string;
  region?: string;
  maxError: number;
  truncateColumns: boolean;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  /** Replacement character when ACCEPTINVCHARS is given (default `?`), else undefined. */
  acceptInvChars?: string;
  removeQuotes: boolean;
  escape: boolean;
  fillRecord: boolean;
  ignoreBlankLines: boolean;
  trimBlanks: boolean;
  /** Accepted and ignored: the emulator keeps no compression encodings or planner statistics. */
  compUpdate?: boolean;
  statUpdate?: boolean;
}
