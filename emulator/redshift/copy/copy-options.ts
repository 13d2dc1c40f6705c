/**
 * The option keywords after `COPY t FROM '…'`, in any order, keywords case-insensitive, `AS`
 * optional where Redshift allows it. Parameter reference:
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-format.html
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-file-compression.html
 */
import type { CopyAuthorization, CopyFormat } from "./copy-command.ts";
import { CopyNotSupportedError, RedshiftSqlError } from "./copy-errors.ts";
import { parseCredentialsString, parseRoleChain, unescapeOptionValue } from "./copy-option-values.ts";
import type { TokenCursor } from "./token-cursor.ts";

export interface OptionState {
  seen: Set<string>;
  manifest?: boolean;
  iamRole?: CopyAuthorization;
  credentials?: CopyAuthorization;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  format?: CopyFormat;
  quote?: string;
  delimiter?: string;
  ignoreHeader?: number;
  gzip?: boolean;
  nullAs?: string;
  dateFormat?: string;
  timeFormat?: string;
  region?: string;
  maxError?: number;
  truncateColumns?: boolean;
  emptyAsNull?: boolean;
  blanksAsNull?: boolean;
  acceptInvChars?: string;
  removeQuotes?: boolean;
  escape?: boolean;
  fillRecord?: boolean;
  ignoreBlankLines?: boolean;
  trimBlanks?: boolean;
  compUpdate?: boolean;
  statUpdate?: boolean;
}

/** Real Redshift COPY keywords the emulator does not implement. */
const UNSUPPORTED_OPTIONS = new Set([
  "parquet",
  "orc",
  "avro",
  "fixedwidth",
  "shapefile",
  "bzip2",
  "lzop",
  "zstd",
  "ssh",
  "explicit_ids",
  "roundec",
  "acceptanydate",
  "noload",
  "comprows",
  "readratio",
  "ignoreallerrors",
  "serializetojson",
  "encrypted",
  "master_symmetric_key",
  "extension",
  "cleanpath",
]);

type Handler = (c: TokenCursor, s: OptionState) => void;

const flag =
  (key: keyof OptionState): Handler =>
  (_c, s) => {
    (s as unknown as Record<string, boolean>)[key] = true;
  };

const oneChar = (c: TokenCursor, option: string): string => {
  c.acceptWord("as");
  const token = c.expectString();
  const value = unescapeOptionValue(token.value);
  if ([...value].length !== 1) {
    throw new RedshiftSqlError(`${option} must be a single character, got '${token.value}'`, "XX000", 8001);
  }
  return value;
};

const stringArg = (c: TokenCursor): string => {
  c.acceptWord("as");
  return c.expectString().value;
};

const integerArg = (c: TokenCursor): number => {
  c.acceptWord("as");
  return c.expectInteger();
};

/** ON/OFF/TRUE/FALSE (COMPUPDATE also takes PRESET); the bare keyword means ON. */
const onOff =
  (key: "compUpdate" | "statUpdate", allowPreset: boolean): Handler =>
  (c, s) => {
    const word = c.peek().kind === "word" ? c.peek().value : "";
    if (word === "on" || word === "true" || (allowPreset && word === "preset")) {
      c.next();
      s[key] = true;
    } else if (word === "off" || word === "false") {
      c.next();
      s[key] = false;
    } else {
      s[key] = true;
    }
  };

function csv(c: TokenCursor, s: OptionState): void {
  setFormat(s, { kind: "csv", quote: '"' });
  if (c.acceptWord("quote")) {
    s.seen.add("quote");
    s.quote = oneChar(c, "QUOTE");
  }
}

/** `JSON 'auto' | 'auto ignorecase' | 's3://jsonpaths'`; `'noshred'` and friends are SUPER-only. */
function json(c: TokenCursor, s: OptionState): void {
  const arg = stringArg(c);
  const lower = arg.toLowerCase();
  if (lower === "auto") setFormat(s, { kind: "json", mode: "auto" });
  else if (lower === "auto ignorecase") setFormat(s, { kind: "json", mode: "auto ignorecase" });
  else if (/^s3:\/\/[^/]+\/.+/i.test(arg))
    setFormat(s, { kind: "json", mode: "jsonpaths", jsonPathsUrl: arg });
  else if (lower === "noshred" || lower === "shred") throw new CopyNotSupportedError(`JSON '${arg}'`);
  else
    throw new RedshiftSqlError(
      `Invalid JSON option '${arg}': expected 'auto', 'auto ignorecase' or an s3:// JSONPaths file`,
      "XX000",
      8001,
    );
}

function setFormat(s: OptionState, format: CopyFormat): void {
  if (s.format) throw new RedshiftSqlError("conflicting or redundant options", "42601");
  s.format = format;
}

/** `FORMAT [AS] CSV|JSON|…`: the data format keyword, with FORMAT and AS optional. */
function formatKeyword(c: TokenCursor, s: OptionState): void {
  c.acceptWord("as");
  const token = c.peek();
  if (token.kind !== "word") c.fail();
  if (UNSUPPORTED_OPTIONS.has(token.value))
    throw new CopyNotSupportedError(`FORMAT ${token.value.toUpperCase()}`);
  c.next();
  if (token.value === "csv") csv(c, s);
  else if (token.value === "json") json(c, s);
  else c.fail(token);
}

function iamRole(c: TokenCursor, s: OptionState): void {
  if (c.acceptWord("default")) s.iamRole = { kind: "iam-role-default" };
  else s.iamRole = { kind: "iam-role", roles: parseRoleChain(c.expectString().value), via: "IAM_ROLE" };
}

const HANDLERS: Record<string, Handler> = {
  manifest: flag("manifest"),
  iam_role: iamRole,
  with: (c, s) => {
    c.expectWord("credentials");
    HANDLERS.credentials(c, s);
  },
  credentials: (c, s) => {
    s.credentials = parseCredentialsString(stringArg(c));
  },
  access_key_id: (c, s) => {
    s.accessKeyId = stringArg(c);
  },
  secret_access_key: (c, s) => {
    s.secretAccessKey = stringArg(c);
  },
  session_token: (c, s) => {
    s.sessionToken = stringArg(c);
  },
  format: formatKeyword,
  csv,
  json,
  quote: (c, s) => {
    s.quote = oneChar(c, "QUOTE");
  },
  delimiter: (c, s) => {
    s.delimiter = oneChar(c, "DELIMITER");
  },
  ignoreheader: (c, s) => {
    s.ignoreHeader = integerArg(c);
  },
  gzip: flag("gzip"),
  null: (c, s) => {
    c.expectWord("as");
    s.nullAs = unescapeOptionValue(c.expectString().value);
  },
  dateformat: (c, s) => {
    s.dateFormat = stringArg(c);
  },
  timeformat: (c, s) => {
    s.timeFormat = stringArg(c);
  },
  region: (c, s) => {
    s.region = stringArg(c);
  },
  maxerror: (c, s) => {
    s.maxError = integerArg(c);
  },
  truncatecolumns: flag("truncateColumns"),
  emptyasnull: flag("emptyAsNull"),
  blanksasnull: flag("blanksAsNull"),
  acceptinvchars: (c, s) => {
    const hasArg = c.isWord("as") || c.peek().kind === "string";
    s.acceptInvChars = hasArg ? oneChar(c, "ACCEPTINVCHARS") : "?";
  },
  removequotes: flag("removeQuotes"),
  escape: flag("escape"),
  fillrecord: flag("fillRecord"),
  ignoreblanklines: flag("ignoreBlankLines"),
  trimblanks: flag("trimBlanks"),
  encoding: (c) => {
    c.acceptWord("as");
    const token = c.peek();
    if (token.kind !== "word") c.fail();
    c.next();
    if (token.value !== "utf8") {
      if (["utf16", "utf16le", "utf16be"].includes(token.value)) {
        throw new CopyNotSupportedError(`ENCODING ${token.value.toUpperCase()}`);
      }
      c.fail(token);
    }
  },
  compupdate: onOff("compUpdate", true),
  statupdate: onOff("statUpdate", false),
};

/** The option names a statement may carry; `WITH` only introduces CREDENTIALS. */
const OPTION_NAME: Record<string, string> = { with: "credentials", csv: "format", json: "format" };

export function isOptionKeyword(word: string): boolean {
  return word in HANDLERS || UNSUPPORTED_OPTIONS.has(word);
}

export function applyOption(c: TokenCursor, s: OptionState): void {
  const token = c.next();
  if (UNSUPPORTED_OPTIONS.has(token.value)) throw new CopyNotSupportedError(token.value.toUpperCase());
  const name = OPTION_NAME[token.value] ?? token.value;
  if (s.seen.has(name)) throw new RedshiftSqlError("conflicting or redundant options", "42601");
  s.seen.add(name);
  HANDLERS[token.value](c, s);
}
