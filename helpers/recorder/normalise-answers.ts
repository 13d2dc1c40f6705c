/**
 * What `chaincheck record` writes instead of the answers themselves: secrets redacted and volatile
 * values replaced by placeholders, the way the recorded corpus (test/parity/recorded/) did it, so a
 * replay compares what must hold and nothing that changes from run to run
 * (test/parity/support/match-recorded.ts reads the placeholders):
 *
 * - secrets — secret keys, session tokens, database passwords, secret values, signatures — become an
 *   unnumbered placeholder (`<secret-access-key>`, `<session-token>`, `<password>`, `<secret-string>`,
 *   `<signature>`) that stands for any text; nothing of the value is kept;
 * - one-run values become numbered placeholders, the same number for the same value: access key ids
 *   (`<access-key-id:1>`), UUIDs (statement ids, revisions), the negative controls' random names
 *   and the COPY check's scratch table (`<control-name:1>`, `<scratch-table:1>`), role ids;
 * - times become `<datetime>`; durations, process and query ids `<number>`; code digests and sizes
 *   `<code-sha256>` / `<code-size>` (the function's package differs between a sandbox and a replay).
 *
 * Known gaps: a secret under a member name not listed here, inside free text, is caught only when it
 * has a known shape (a session token, a signature query parameter); the recorder's test asserts that
 * none of the run's secrets reaches a written file.
 */

const SECRET_MEMBERS: Record<string, string> = {
  SecretAccessKey: "<secret-access-key>",
  SessionToken: "<session-token>",
  DbPassword: "<password>",
  Password: "<password>",
  SecretString: "<secret-string>",
  SecretBinary: "<secret-binary>",
  Signature: "<signature>",
};
const VOLATILE_NUMBERS = new Set(["Duration", "RedshiftPid", "RedshiftQueryId", "QueryId", "ResultSize"]);
const ANY_TEXT: Record<string, string> = { CodeSha256: "<code-sha256>", CodeSize: "<code-size>" };

const PATTERNS: [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, "access-key-id"],
  [/\bAROA[A-Z0-9]{12,}\b/g, "role-id"],
  [/\bAIDA[A-Z0-9]{12,}\b/g, "user-id"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "uuid"],
  [/\bchaincheck[-_]control[-_][0-9a-f]{10}\b/g, "control-name"],
  [/\bchaincheck_copy_[0-9a-f]{12}\b/g, "scratch-table"],
];
/** Things that are secrets wherever they appear in text (a presigned URL's signature, a token). */
const SECRET_TEXT: [RegExp, string][] = [
  [/(X-Amz-Signature=|Signature=)[0-9a-fA-F%+/=]+/g, "$1<signature>"],
  [/(X-Amz-Security-Token=)[^&\s"]+/g, "$1<session-token>"],
  [/\b(?:IQoJ|FwoG|FQoG)[A-Za-z0-9+/=]{40,}/g, "<session-token>"],
];
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export class Normaliser {
  private readonly numbered = new Map<string, string>();
  private readonly next = new Map<string, number>();

  constructor(
    /** Values to redact wherever they appear (the run's own secrets, when known). */
    private readonly secrets: readonly string[] = [],
  ) {}

  private placeholder(kind: string, value: string): string {
    const known = this.numbered.get(`${kind} ${value}`);
    if (known) return known;
    const n = (this.next.get(kind) ?? 0) + 1;
    this.next.set(kind, n);
    const token = `<${kind}:${n}>`;
    this.numbered.set(`${kind} ${value}`, token);
    return token;
  }

  text(value: string): string {
    if (ISO_TIME.test(value)) return "<datetime>";
    let out = value;
    for (const secret of this.secrets) if (secret.length >= 8) out = out.split(secret).join("<redacted>");
    for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
    for (const [pattern, kind] of PATTERNS)
      out = out.replace(pattern, (found) => this.placeholder(kind, found));
    return out;
  }

  value(value: unknown, member?: string): unknown {
    if (member && member in SECRET_MEMBERS && value !== null && value !== undefined)
      return SECRET_MEMBERS[member];
    if (member && member in ANY_TEXT && value !== undefined) return ANY_TEXT[member];
    if (value instanceof Date) return "<datetime>";
    if (typeof value === "number" && member && VOLATILE_NUMBERS.has(member)) return "<number>";
    if (typeof value === "string") return this.text(value);
    if (value instanceof Uint8Array) return SECRET_MEMBERS.SecretBinary;
    if (Array.isArray(value)) return value.map((v) => this.value(v));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = this.value(v, k);
      return out;
    }
    return value;
  }
}
