/**
 * Does this target enforce IAM at all? Emulators other than ours often do not (LocalStack's free
 * image: none; docs/architecture.md, targets and origins), and there a `pass` of a policy check proves only that the API answered.
 * The probe asks for something IAM must refuse — AssumeRole into a role that does not exist, named
 * with a random suffix so it cannot exist — and reads the answer. It creates nothing.
 *
 * Known gaps: a target that enforces trust policies but not identity policies (or the reverse) is
 * reported by the trust answer alone.
 */
import { randomBytes } from "node:crypto";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
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

export const IAM_NOT_ENFORCED =
  "IAM not enforced by this target: policies unverified — AssumeRole into a role that does not exist succeeded, so passes of trust, identity and bucket-policy checks only show that the calls are wired; failures and target gaps still count";

export async function probeIamEnforcement(settings: ClientSettings): Promise<string[]> {
  const sts = new STSClient(settings);
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    if (e.code && UNREACHABLE.has(e.code))
      throw new TargetUnavailableError(
        `the target at ${settings.endpoint ?? "AWS"} does not answer (${e.code}); start it or fix the endpoint.`,
      );
    if (e.name === "CredentialsProviderError")
      throw new TargetUnavailableError(
        "the harness found no AWS credentials for itself (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).",
      );
    return [
      `could not tell whether this target enforces IAM: GetCallerIdentity failed (${e.name ?? "error"})`,
    ];
  }
  const roleArn = `arn:aws:iam::${account ?? "000000000000"}:role/chaincheck-no-such-role-${randomBytes(6).toString("hex")}`;
  try {
    await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "chaincheck-iam-probe" }));
    return [IAM_NOT_ENFORCED];
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.$metadata?.httpStatusCode === 501)
      return ["STS AssumeRole is not implemented by this target: links 2–5 cannot be checked here"];
    if (e.name === "AccessDenied" || e.$metadata?.httpStatusCode === 403)
      return ["IAM enforced by this target: AssumeRole into a role that does not exist was denied"];
    return [`could not tell whether this target enforces IAM: AssumeRole answered ${e.name ?? "an error"}`];
  }
}
