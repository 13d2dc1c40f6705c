/**
 * buildRequestContext: the global condition keys AWS puts in every request context, from the caller.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *
 * aws:PrincipalArn is the role ARN for an assumed-role session (not the session ARN);
 * aws:username exists for IAM users only; aws:MultiFactorAuthPresent is absent unless the caller
 * says otherwise (it is absent for long-term keys and for AssumeRole sessions without MFA).
 * Service-specific keys (sts:ExternalId, redshift:DbUser, aws:SourceAccount …) arrive in `extra`,
 * which wins over the defaults; an `undefined` value in `extra` removes a key.
 *
 * The organization keys (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:ResourceOrgID,
 * aws:ResourceOrgPaths) come in `extra` from whoever knows the organizations (the emulator's world:
 * emulator/world/organizations.ts).
 *
 * Known gaps: aws:TokenIssueTime, aws:SourceIp.
 */
import type { PrincipalInfo, RequestContextKeys } from "./types.ts";

const PRINCIPAL_TYPE: Record<PrincipalInfo["kind"], string | undefined> = {
  "assumed-role": "AssumedRole",
  user: "User",
  root: "Account",
  federated: "FederatedUser",
  service: undefined,
};

export function buildRequestContext(
  principal: PrincipalInfo,
  extra: RequestContextKeys,
  now: Date,
): RequestContextKeys {
  const ctx: RequestContextKeys = {
    "aws:CurrentTime": now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    "aws:SecureTransport": "true",
    "aws:ViaAWSService": "false",
  };
  if (principal.kind === "service") {
    ctx["aws:PrincipalIsAWSService"] = "true";
    if (principal.service) ctx["aws:PrincipalServiceName"] = principal.service;
  } else {
    ctx["aws:PrincipalIsAWSService"] = "false";
    ctx["aws:PrincipalArn"] =
      principal.kind === "assumed-role" ? (principal.roleArn ?? principal.arn) : principal.arn;
    ctx["aws:PrincipalAccount"] = principal.account;
    ctx["aws:PrincipalType"] = PRINCIPAL_TYPE[principal.kind];
    ctx["aws:userid"] = principal.userId;
    if (principal.kind === "user" && principal.username) ctx["aws:username"] = principal.username;
    for (const [k, v] of Object.entries(principal.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete ctx[k];
    else ctx[k] = v;
  }
  return ctx;
}
