/**
 * Authorization of a Secrets Manager action on one secret: the caller's identity policies plus the
 * secret's resource policy (same account: either; another account: both — the policy engine's
 * cross-account rule), with the secret's tags as `secretsmanager:ResourceTag/<key>` and
 * `aws:ResourceTag/<key>` (AmazonRedshiftDataFullAccess only allows secrets tagged
 * `RedshiftDataFullAccess`, docs/failures.md L3-07).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html#awssecretsmanager-policy-keys
 *
 * The denial names the SecretId *as the caller passed it* (a name stays a name), which is what
 * AWS prints (mongodb/awscdk-resources-mongodbatlas#207).
 */
import { denyMessage } from "../../policy/index.ts";
import type { Caller, Check } from "../core/types.ts";
import type { ResolvedSecretId } from "./resolve-secret-id.ts";
import { secretsAccessDenied } from "./secrets-manager-errors.ts";

export function secretContext(resolved: ResolvedSecretId, secretId: string): Record<string, string> {
  const context: Record<string, string> = { "secretsmanager:SecretId": resolved.secret?.arn ?? secretId };
  for (const [key, value] of Object.entries(resolved.secret?.tags ?? {})) {
    context[`secretsmanager:ResourceTag/${key}`] = value;
    context[`aws:ResourceTag/${key}`] = value;
  }
  return context;
}

export function authorizeSecretAction(
  check: Check,
  caller: Caller,
  action: string,
  resolved: ResolvedSecretId,
  secretId: string,
  extraContext: Record<string, string> = {},
): void {
  const policy = resolved.secret?.policy;
  const result = check({
    action,
    resource: resolved.authArn,
    resourceAccount: resolved.account,
    resourcePolicy: policy ? { type: "resource", name: resolved.authArn, document: policy } : undefined,
    context: { ...secretContext(resolved, secretId), ...extraContext },
  });
  if (result.decision !== "Allow") {
    throw secretsAccessDenied(denyMessage(result, { callerArn: caller.arn, action, resource: secretId }));
  }
}

/** For actions on `*` (ListSecrets): AWS's text then has no "on resource" part (Kralizek/AWSSecretsManagerConfigurationExtensions#78). */
export function authorizeAccountAction(check: Check, caller: Caller, action: string): void {
  const result = check({ action, resource: "*" });
  if (result.decision !== "Allow") {
    const text = denyMessage(result, { callerArn: caller.arn, action, resource: "*" });
    throw secretsAccessDenied(text.replace(" on resource: *", ""));
  }
}
