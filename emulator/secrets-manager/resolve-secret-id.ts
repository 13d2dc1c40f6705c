/**
 * SecretId → secret, as Secrets Manager resolves it
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html#API_GetSecretValue_RequestSyntax):
 *
 * - a full ARN (`…:secret:<name>-AbCdEf`): that secret, in any account — the only way to reach a
 *   secret in another account;
 * - a partial ARN (no random suffix): the secret with that name in the ARN's account;
 * - a name: the secret with that name in the caller's account and the request's region.
 *
 * A secret lives in one region: an ARN naming another region than the endpoint's finds nothing.
 * `authArn` is what IAM evaluates when nothing is found (the ARN as given, or one built from the
 * name), so an identity policy scoped to other secrets still answers AccessDenied first, as AWS does.
 *
 * Known gap: AWS's ambiguity rule for a *name* ending in "-" + 6 characters is not modelled.
 */
import type { SecretStore, StoredSecret } from "./secret-store.ts";

const ARN = /^arn:(aws[\w-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;

export interface ResolvedSecretId {
  secret?: StoredSecret;
  /** The resource ARN authorization is evaluated against. */
  authArn: string;
  /** The account owning the (possibly missing) secret. */
  account: string;
}

export function resolveSecretId(
  store: SecretStore,
  secretId: string,
  callerAccount: string,
  region: string,
): ResolvedSecretId {
  const m = ARN.exec(secretId);
  if (!m) {
    const secret = store.byName(callerAccount, region, secretId);
    return {
      secret,
      authArn: secret?.arn ?? `arn:aws:secretsmanager:${region}:${callerAccount}:secret:${secretId}`,
      account: callerAccount,
    };
  }
  const [, , arnRegion, account, rest] = m as unknown as [string, string, string, string, string];
  if (arnRegion !== region) return { authArn: secretId, account };
  const exact = store.byArn(secretId);
  const secret = exact ?? store.byName(account, region, rest);
  return { secret, authArn: secret?.arn ?? secretId, account };
}
