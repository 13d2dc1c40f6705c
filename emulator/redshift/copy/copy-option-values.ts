/**
 * Values inside COPY options: escape sequences in one-character options, IAM role ARN lists and
 * the CREDENTIALS string.
 */
import type { CopyAuthorization } from "./copy-command.ts";
import { INVALID_CREDENTIALS, invalidRoleArnMessage, RedshiftSqlError } from "./copy-errors.ts";

/**
 * COPY reads `'\t'` as a tab and `'\000'` / `'\0'` as NUL (the tutorial loads PART with
 * `NULL AS '\000'`): https://docs.aws.amazon.com/redshift/latest/dg/tutorial-loading-run-copy.html
 */
export function unescapeOptionValue(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== "\\" || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[i + 1];
    const octal = /^[0-7]{1,3}/.exec(raw.slice(i + 1));
    if (octal) {
      out += String.fromCharCode(Number.parseInt(octal[0], 8));
      i += octal[0].length;
      continue;
    }
    const simple: Record<string, string> = { t: "\t", n: "\n", r: "\r", "\\": "\\", "'": "'" };
    out += simple[next] ?? next;
    i++;
  }
  return out;
}

/** Partitions aws, aws-cn, aws-us-gov; the path may have several segments. */
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Redshift chains at most 10 roles (docs: authorizing-redshift-service-chaining-roles). */
export const MAX_CHAINED_ROLES = 10;

/**
 * The chain is comma-separated with no spaces, in the order the roles are assumed (failure
 * catalog L5-04). A space makes the ARN invalid rather than being trimmed.
 */
export function parseRoleChain(text: string): string[] {
  const roles = text.split(",");
  for (const arn of roles) {
    if (!ROLE_ARN.test(arn)) throw new RedshiftSqlError(invalidRoleArnMessage(arn), "XX000", 8001);
  }
  if (roles.length > MAX_CHAINED_ROLES) {
    throw new RedshiftSqlError(
      `Too many IAM roles in the chain: ${roles.length} (at most ${MAX_CHAINED_ROLES})`,
      "XX000",
      8001,
    );
  }
  return roles;
}

/**
 * `'aws_iam_role=arn[,arn…]'` or `'aws_access_key_id=…;aws_secret_access_key=…[;token=…]'`.
 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-authorization.html
 */
export function parseCredentialsString(text: string): CopyAuthorization {
  const pairs = new Map<string, string>();
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new RedshiftSqlError(INVALID_CREDENTIALS, "XX000", 8001);
    const key = part.slice(0, eq).toLowerCase();
    if (pairs.has(key)) throw new RedshiftSqlError(INVALID_CREDENTIALS, "XX000", 8001);
    pairs.set(key, part.slice(eq + 1));
  }
  const role = pairs.get("aws_iam_role");
  if (role !== undefined && pairs.size === 1) {
    return { kind: "iam-role", roles: parseRoleChain(role), via: "CREDENTIALS" };
  }
  const accessKeyId = pairs.get("aws_access_key_id");
  const secretAccessKey = pairs.get("aws_secret_access_key");
  const sessionToken = pairs.get("token");
  const known = 2 + (sessionToken === undefined ? 0 : 1);
  if (accessKeyId && secretAccessKey && pairs.size === known && sessionToken !== "") {
    return {
      kind: "access-keys",
      accessKeyId,
      secretAccessKey,
      ...(sessionToken === undefined ? {} : { sessionToken }),
      via: "CREDENTIALS",
    };
  }
  throw new RedshiftSqlError(INVALID_CREDENTIALS, "XX000", 8001);
}
