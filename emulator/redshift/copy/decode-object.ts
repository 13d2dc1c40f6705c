/**
 * S3 object bytes → text: gunzip when COPY says GZIP, then UTF-8 with Redshift's treatment of
 * invalid sequences (load error 1220, or replacement under ACCEPTINVCHARS).
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-conversion.html#acceptinvchars
 *
 * Known gaps: ACCEPTINVCHARS replaces each maximal invalid subsequence with one character
 * (Redshift writes one replacement per byte); the "(error n)" number is 3 for a stray
 * continuation byte (seen in public reports), 6 for the U+FDD0–U+FDEF noncharacters (seen), and 2
 * otherwise (unverified).
 */
import { gunzipSync } from "node:zlib";
import { RedshiftSqlError } from "./copy-errors.ts";
import { badUtf8 } from "./load-error.ts";

export interface DecodedObject {
  text: string;
  /** Lines (1-based) that held invalid UTF-8, with Redshift's reason, when not replaced. */
  invalidLines: Map<number, string>;
}

export function decodeObject(
  body: Buffer,
  gzip: boolean,
  url: string,
  acceptInvChars?: string,
): DecodedObject {
  let bytes = body;
  if (gzip) {
    try {
      bytes = gunzipSync(body);
    } catch (error) {
      // Unverified wording: Redshift's text for a GZIP COPY over non-gzip data was not found.
      throw new RedshiftSqlError(
        `gzip: invalid compressed data in ${url}: ${(error as Error).message}`,
        "XX000",
        9002,
      );
    }
  }
  const invalidLines = new Map<number, string>();
  let line = 1;
  let text = "";
  let i = 0;
  let runStart = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0 && !isNoncharacter(bytes, i, length)) {
      i += length;
      continue;
    }
    const bad = length > 0 ? length : Math.max(1, invalidRun(bytes, i));
    text += bytes.subarray(runStart, i).toString("utf8");
    if (acceptInvChars !== undefined) text += acceptInvChars;
    else {
      text += "\ufffd";
      if (!invalidLines.has(line)) {
        const hex = [...bytes.subarray(i, i + bad)].map((x) => x.toString(16).padStart(2, "0")).join(" ");
        invalidLines.set(line, badUtf8(hex, errorNumber(bytes[i], length)));
      }
    }
    i += bad;
    runStart = i;
  }
  text += bytes.subarray(runStart).toString("utf8");
  return { text, invalidLines };
}

/** Length of a valid UTF-8 sequence at i (2–4), or 0. */
function sequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i];
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  const cp =
    Buffer.from(bytes.subarray(i, i + n))
      .toString("utf8")
      .codePointAt(0) ?? 0xfffd;
  if (cp === 0xfffd && !(b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd)) return 0;
  return n;
}

function isNoncharacter(bytes: Buffer, i: number, length: number): boolean {
  if (length !== 3) return false;
  const cp =
    Buffer.from(bytes.subarray(i, i + 3))
      .toString("utf8")
      .codePointAt(0) ?? 0;
  return cp >= 0xfdd0 && cp <= 0xfdef;
}

function invalidRun(bytes: Buffer, i: number): number {
  let k = i + 1;
  while (k < bytes.length && (bytes[k] & 0xc0) === 0x80 && k - i < 4) k++;
  return (bytes[i] & 0xc0) === 0x80 ? 1 : k - i;
}

function errorNumber(first: number, validLength: number): number {
  if (validLength > 0) return 6;
  return (first & 0xc0) === 0x80 ? 3 : 2;
}
