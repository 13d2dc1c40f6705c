/**
 * AWS-style identifiers, random but reproducible from a seed so a setup loads to the same ids
 * every run (tests and reports can quote them).
 *
 * Unique ids (AIDA…, AROA…, ANPA…) are 21 characters: a 4-letter prefix and 17 characters of
 * upper-case base32. Access key ids are 20 characters (AKIA… long-term, ASIA… temporary).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 *
 * Known gaps: real ids since 2023 encode the account id in some characters; ours are plain random.
 */
import { createHash } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export type UniqueIdPrefix = "AIDA" | "AROA" | "ANPA" | "AGPA";

/** A deterministic byte stream: SHA-256 over (seed, counter). */
export class IdGenerator {
  private counter = 0;

  constructor(private readonly seed: string = "chaincheck") {}

  private bytes(n: number): Buffer {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < n) {
      const chunk = createHash("sha256")
        .update(`${this.seed}:${this.counter++}`)
        .digest();
      chunks.push(chunk);
      total += chunk.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  }

  private chars(alphabet: string, n: number): string {
    let out = "";
    for (const byte of this.bytes(n)) out += alphabet[byte % alphabet.length];
    return out;
  }

  uniqueId(prefix: UniqueIdPrefix): string {
    return prefix + this.chars(BASE32, 17);
  }

  accessKeyId(temporary: boolean): string {
    return (temporary ? "ASIA" : "AKIA") + this.chars(BASE32, 16);
  }

  secretAccessKey(): string {
    return this.chars(BASE64, 40);
  }

  sessionToken(): string {
    // Real tokens are opaque base64 blobs of several hundred characters.
    return `IQoJb3JpZ2luX2Vj${this.chars(BASE64, 340)}`;
  }

  /** Hex string, e.g. for SCP ids or secret ARN suffixes. */
  hex(n: number): string {
    return this.bytes(Math.ceil(n / 2))
      .toString("hex")
      .slice(0, n);
  }

  alnum(n: number): string {
    return this.chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n);
  }
}
