/**
 * The harness's own credentials for one environment's variables (an env file under the process
 * environment, or a matrix entry): keys in the variables → those keys; a profile that differs from
 * the process's → the SDK's default provider chain for that profile (SSO, web identity, process
 * and assume-role profiles included); otherwise undefined — the SDK's own chain reads the process
 * environment, as for a single environment. Needed because several environments run in one
 * process, and the SDK's chain reads `process.env` only.
 *
 * `@aws-sdk/credential-provider-node` is the provider every `@aws-sdk/client-*` already depends on.
 *
 * Known gaps: `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` per environment are not honoured
 * (the provider reads them from the process environment).
 */
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { ClientSettings } from "../chain/context.ts";

export function credentialsFromEnv(
  env: Record<string, string | undefined>,
  processEnv: NodeJS.ProcessEnv = process.env,
): ClientSettings["credentials"] {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE } = env;
  if (AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY)
    return {
      accessKeyId: AWS_ACCESS_KEY_ID,
      secretAccessKey: AWS_SECRET_ACCESS_KEY,
      ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    };
  if (AWS_PROFILE && AWS_PROFILE !== processEnv.AWS_PROFILE) return defaultProvider({ profile: AWS_PROFILE });
  return undefined;
}
