/**
 * Ids that stay the same for the same setup (seed + what the id names), without drawing from the
 * world's shared id stream (which would shift every IAM id when a secret is added).
 */
import { createHash } from "node:crypto";

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function digest(parts: string[]): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

/** A v4-shaped UUID, e.g. a secret VersionId. */
export function stableUuid(...parts: string[]): string {
  const hex = digest(parts).toString("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** n letters and digits, e.g. the 6-character suffix of a secret ARN. */
export function stableAlnum(n: number, ...parts: string[]): string {
  let out = "";
  for (const byte of digest(parts).subarray(0, n)) out += ALNUM[byte % ALNUM.length];
  return out;
}
