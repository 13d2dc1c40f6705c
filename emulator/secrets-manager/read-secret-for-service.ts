/**
 * readSecretForService: the Redshift Data API's SecretArn mode. The Data API reads the secret with
 * the *caller's* identity (`secretsmanager:GetSecretValue`, plus kms:Decrypt on a customer key) and
 * fails ExecuteStatement synchronously when it cannot (docs/failures.md section 0.1, L3-06, L3-07).
 * https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html
 *
 * Every failure is a SecretReadError: code ValidationException (400), the way the Data API reports
 * a failed implicit credential step (measured for GetClusterCredentialsWithIAM, awslabs/mcp; the
 * class for the Secrets Manager denial itself was not captured live [I], catalog section 8). The
 * message carries Secrets Manager's own text; `reason` and `secretsManagerCode` let the Data API
 * re-map if a live capture shows another class.
 *
 * Contents: a JSON object with non-empty string `username` and `password`, else
 * "username and password in secret cannot be empty" (boto/boto3#2899). The password is returned to
 * the caller only: it is never put into an error, a log line or the decision log.
 */
import { AwsError } from "../core/errors.ts";
import type { Caller } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { readSecretValue } from "./get-secret-value.ts";

export type SecretReadFailure =
  | "access-denied"
  | "kms-denied"
  | "not-found"
  | "decryption-failure"
  | "malformed";

export class SecretReadError extends AwsError {
  constructor(
    message: string,
    readonly reason: SecretReadFailure,
    /** The Secrets Manager error code behind it (undefined for malformed contents). */
    readonly secretsManagerCode?: string,
  ) {
    super("ValidationException", message, { status: 400 });
  }
}

export const SECRET_CONTENTS_EMPTY = "username and password in secret cannot be empty";

export interface ServiceSecret {
  username: string;
  password: string;
  /** As stored in the secret; the Data API compares it with ClusterIdentifier. */
  dbClusterIdentifier?: string;
  engine?: string;
  host?: string;
  port?: number;
  dbname?: string;
  secretArn: string;
  secretName: string;
  versionId: string;
}

export interface ReadSecretOptions {
  /** Request id for the decision log entries (GET /_chaincheck/decisions). */
  requestId?: string;
}

export function readSecretForService(
  world: World,
  caller: Caller,
  secretArn: string,
  region: string,
  options: ReadSecretOptions = {},
): ServiceSecret {
  const requestId = options.requestId ?? "implicit-secret-read";
  const check = world.checkFor(caller, { requestId });
  let read: ReturnType<typeof readSecretValue>;
  try {
    read = readSecretValue(world, check, caller, region, { secretId: secretArn }, requestId);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    throw new SecretReadError(error.message, failureOf(error), error.code);
  }
  const { secret, version } = read;
  const fields = parseObject(version.secretString);
  const username = fields?.username;
  const password = fields?.password;
  if (typeof username !== "string" || typeof password !== "string" || !username || !password) {
    throw new SecretReadError(SECRET_CONTENTS_EMPTY, "malformed");
  }
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const port = fields?.port;
  return {
    username,
    password,
    dbClusterIdentifier: str(fields?.dbClusterIdentifier),
    engine: str(fields?.engine),
    host: str(fields?.host),
    port: typeof port === "number" ? port : typeof port === "string" && port ? Number(port) : undefined,
    dbname: str(fields?.dbname),
    secretArn: secret.arn,
    secretName: secret.name,
    versionId: version.versionId,
  };
}

function failureOf(error: AwsError): SecretReadFailure {
  if (error.code === "ResourceNotFoundException") return "not-found";
  if (error.code === "DecryptionFailure") return "decryption-failure";
  return error.message.startsWith("User: ") ? "access-denied" : "kms-denied";
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
