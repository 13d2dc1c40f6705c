/**
 * Before walking the chain against an endpoint: does it answer, and does the harness have
 * credentials for itself? One GetCallerIdentity; an endpoint that does not answer, or no credentials,
 * is a target the harness cannot use (exit 3, one sentence). Any other answer is left to the links.
 *
 * Whether the target enforces IAM is no longer asked here once for the whole report: each link runs
 * its own negative control and carries its own `assurance` (helpers/chain/negative-control.ts).
 */
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { ClientSettings } from "../chain/context.ts";
import { TargetUnavailableError } from "./target-types.ts";

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

export async function checkTargetReachable(settings: ClientSettings): Promise<void> {
  try {
    await new STSClient(settings).send(new GetCallerIdentityCommand({}));
  } catch (error) {
    const e = error as { name?: string; code?: string };
    if (e.code && UNREACHABLE.has(e.code))
      throw new TargetUnavailableError(
        `the target at ${settings.endpoint ?? "AWS"} does not answer (${e.code}); start it or fix the endpoint.`,
      );
    if (e.name === "CredentialsProviderError")
      throw new TargetUnavailableError(
        "the harness found no AWS credentials for itself (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).",
      );
  }
}
