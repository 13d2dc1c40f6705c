/**
 * The `Range` header of GetObject/HeadObject, as S3 reads it (one byte range, RFC 9110 §14.1.2).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html#API_GetObject_RequestSyntax
 *
 * Satisfiable → 206 with `Content-Range: bytes first-last/size`; a well-formed range starting past
 * the end (or a zero-length suffix, or any range of an empty object) → 416 InvalidRange; a header
 * S3 cannot parse, or several ranges, is ignored and the whole object is sent with 200.
 */
import { invalidRange } from "./s3-errors.ts";

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  const [, first, last] = m;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw invalidRange(header.trim(), size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  if (last !== "" && end < start) return undefined;
  if (start >= size) throw invalidRange(header.trim(), size);
  return { start, end: Math.min(end, size - 1) };
}
