/**
 * Last line of defence for secrets in anything the CLI prints or writes: the values of the secret
 * variables in the environment (the harness's own keys and session token), and secret-looking
 * fields (passwords, secret keys, session tokens) in text AWS or a target sent back. The report
 * never records request or response bodies in the first place (helpers/aws/call-recorder.ts).
 *
 * Known gaps: a secret the harness never saw in the environment and AWS echoes without a field
 * name cannot be recognised; after a field name, a value of at most 12 letters followed by a space
 * is taken for prose (a validation message about the field) and kept.
 */

const SECRET_VARIABLES = [
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "LOCALSTACK_AUTH_TOKEN",
];

// "password": "…", SecretAccessKey=…, <SessionToken>…</SessionToken>, aws_secret_access_key = …
// (quotes may arrive escaped, as inside a JSON string).
// A field name followed by prose ("secretAccessKey: expected a secret of …", a validation message
// about the field) is a word, not a value: a word of at most 12 letters followed by a space is kept.
const FIELDS =
  /(\\?"?(?:password|secretAccessKey|secret_access_key|sessionToken|session_token|SecretString)\\?"?\s*[:=]\s*\\?"?|<(?:SecretAccessKey|SessionToken)>)(?![a-z]{1,12} )([^"\\\s,<}]+)/gi;

/** The values of the environment's secret variables (the harness's own keys), replaced by `***`. */
export function redactEnvSecrets(
  text: string,
  env: Record<string, string | undefined> = process.env,
): string {
  let out = text;
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    // Very short values would redact ordinary words; real keys and tokens are long.
    if (value && value.length >= 8) out = out.split(value).join("***");
  }
  return out;
}

export function redactSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  return redactEnvSecrets(text, env).replace(FIELDS, (_, field: string) => `${field}***`);
}

/** The report with every string redacted, before any reporter formats (and re-escapes) it. */
export function redactReport<T>(report: T, env: Record<string, string | undefined> = process.env): T {
  return JSON.parse(redactSecrets(JSON.stringify(report), env)) as T;
}
