/** Causes of link 2, `assume-role` (docs/failures.md L1-03, L1-06…08, LINK 2). */
import type { CauseDefinition } from "./cause-definition.ts";
import { accountOf, type FixValues, inlineJson, policyJson, rendered } from "./fix-values.ts";

function trustStatement(v: FixValues, actions: string | string[] = "sts:AssumeRole"): object {
  const r = rendered(v);
  const statement: Record<string, unknown> = {
    Effect: "Allow",
    Principal: { AWS: r.execRoleArn },
    Action: actions,
  };
  if (v.externalId) statement.Condition = { StringEquals: { "sts:ExternalId": v.externalId } };
  return statement;
}

function trustFix(v: FixValues, lead: string, actions?: string | string[]): string {
  const r = rendered(v);
  return [
    `${lead} (in B, ${r.B}; keep the trust policy's other statements):`,
    policyJson(trustStatement(v, actions)),
    `  aws iam update-assume-role-policy --role-name ${r.bRoleName} --policy-document file://trust.json   # the file holds the whole trust policy`,
  ].join("\n");
}

export const ASSUME_ROLE_CAUSES = [
  {
    id: "target-role-arn-malformed",
    link: "assume-role",
    side: "A",
    title: "The RoleArn passed to AssumeRole is malformed or names no existing role",
    summary:
      "STS answers a malformed RoleArn (an empty account field from an unset variable, a typo) or a role that does not exist with the same AccessDenied as a trust denial — never `not found`.",
    tellApart:
      "An empty account (`arn:aws:iam:::role/…`) or a non-12-digit account in the error's resource settles it. Otherwise only iam:GetRole in B tells a missing role (NoSuchEntity) from a trust denial.",
    catalog: ["L1-03"],
    fix: (v) => {
      const r = rendered(v);
      // Never echo the malformed ARN back as the example: rebuild it with B's account (or its placeholder).
      const wellFormed = accountOf(v.targetRoleArn) ? r.bRoleArn : `arn:aws:iam::${r.B}:role/${r.bRoleName}`;
      return [
        `Pass the exact ARN of B's role (expected form ^arn:aws:iam::\\d{12}:role/.+$), e.g. ${wellFormed}:`,
        `  aws iam get-role --role-name ${r.bRoleName} --query Role.Arn   # in B (${r.B})`,
        `then set CHAINCHECK_TARGET_ROLE_ARN and the Lambda's own setting to that value.`,
      ].join("\n");
    },
  },
  {
    id: "trust-policy-missing-principal",
    link: "assume-role",
    side: "B",
    title: "B's role trust policy does not name A's execution role",
    summary:
      "B's role trust policy has no statement letting A's execution role (or A's account) call sts:AssumeRole, so STS denies even though A's side allows it.",
    tellApart:
      "Same AccessDenied text as A's identity-policy gap, the ExternalId mismatch and a stale AROA principal. A's side is cleared by iam:SimulatePrincipalPolicy in A; B's trust (iam:GetRole in B) then shows whether the principal, the ExternalId condition or an AROA id is the problem.",
    catalog: ["L2-01"],
    fix: (v) => trustFix(v, `Let ${rendered(v).execRoleArn} assume ${rendered(v).bRoleArn}`),
  },
  {
    id: "trust-policy-external-id",
    link: "assume-role",
    side: "A",
    title: "The ExternalId sent does not match the trust policy's sts:ExternalId condition",
    summary:
      "B's trust names the caller but requires `sts:ExternalId`; the caller sent no ExternalId or a different one (StringEquals is case-sensitive). STS answers the same AccessDenied as any trust denial. An ExternalId sent to a role whose trust has no such condition is silently ignored.",
    tellApart:
      "Only B's trust policy (iam:GetRole in B) shows the condition and its value; the error text never mentions ExternalId.",
    catalog: ["L2-02"],
    fix: (v) => {
      const r = rendered(v);
      const expected = v.expectedExternalId;
      // Never write the ExternalId the chain sends into the trust: it is the likeliest wrong value.
      if (!expected)
        return [
          `Read the ExternalId B's trust expects (in B, ${r.B}):`,
          `  aws iam get-role --role-name ${r.bRoleName} --query Role.AssumeRolePolicyDocument`,
          `then send that sts:ExternalId value: CHAINCHECK_EXTERNAL_ID=<the sts:ExternalId value in B's trust>, and the same ExternalId in the Lambda's AssumeRole call.`,
          `Change B's trust only if its value is the wrong one.`,
        ].join("\n");
      return [
        `Send the ExternalId B's trust expects: ${expected}`,
        `  CHAINCHECK_EXTERNAL_ID=${expected}   # and the same ExternalId in the Lambda's AssumeRole call`,
      ].join("\n");
    },
  },
  {
    id: "trust-policy-stale-principal",
    link: "assume-role",
    side: "B",
    title: "B's trust names A's role by a stale unique id (AROA…) after it was recreated",
    summary:
      "IAM stores a role principal by its unique id. A's execution role was deleted and recreated under the same name, so B's trust now shows `AROA…` and matches nobody.",
    tellApart: "Only reading B's trust (iam:GetRole in B) shows the bare `AROA…` principal.",
    catalog: ["L2-03"],
    fix: (v) =>
      trustFix(
        v,
        `Replace the stale principal${v.staleIds?.length ? ` ${v.staleIds.join(", ")}` : ""} with the role's ARN`,
      ),
  },
  {
    id: "session-duration-exceeded",
    link: "assume-role",
    side: "A",
    title: "DurationSeconds exceeds the 1 h role-chaining cap or the role's MaxSessionDuration",
    summary:
      "Lambda runs on its execution role's temporary credentials, so assuming B's role is role chaining: sessions are capped at 3600 s whatever B's MaxSessionDuration says. Below that, DurationSeconds must not exceed the role's MaxSessionDuration.",
    tellApart:
      "ValidationError (400), not AccessDenied; the text says `role chaining` or `MaxSessionDuration`.",
    catalog: ["L2-05", "L2-06"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Request at most 3600 s from Lambda and re-assume for longer work:`,
        `  CHAINCHECK_DURATION_SECONDS=3600   # and DurationSeconds: 3600 (or less) in the Lambda's AssumeRole call`,
        `For a non-chained caller over MaxSessionDuration, raise it in B instead:`,
        `  aws iam update-role --role-name ${r.bRoleName} --max-session-duration ${v.durationSeconds && v.durationSeconds > 3600 ? v.durationSeconds : 7200}`,
      ].join("\n");
    },
  },
  {
    id: "session-tags-not-allowed",
    link: "assume-role",
    side: "B",
    title: "Session tags were sent without sts:TagSession allowed on both sides",
    summary:
      "Passing Tags or TransitiveTagKeys to AssumeRole needs sts:TagSession in the caller's identity policy (A) and in B's trust policy.",
    tellApart: "The denied action in the text is sts:TagSession, not sts:AssumeRole.",
    catalog: ["L2-08"],
    fix: (v) => {
      const r = rendered(v);
      const identity = {
        Effect: "Allow",
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Resource: r.bRoleArn,
      };
      return [
        trustFix(v, `Allow sts:TagSession next to sts:AssumeRole in B's trust`, [
          "sts:AssumeRole",
          "sts:TagSession",
        ]),
        `and in A's identity policy of ${r.execRoleArn}:`,
        `  aws iam put-role-policy --role-name ${r.execRoleName} --policy-name assume-${r.bRoleName} --policy-document ${inlineJson({ Version: "2012-10-17", Statement: [identity] })}`,
      ].join("\n");
    },
  },
  {
    id: "wrong-account-credentials",
    link: "assume-role",
    side: "A",
    title: "The calls after AssumeRole do not use B's session (wrong account credentials)",
    summary:
      "The Data API / Redshift client was built with A's credentials (or the ARN was built from A's account), so the cluster is looked up in A: `Redshift endpoint doesn't exist in this region.` or a denial naming an A principal.",
    tellApart:
      "GetCallerIdentity with the credentials in use returns account A; errors name `arn:aws:sts::<A>:…` or a dbuser ARN in A.",
    catalog: ["L2-12"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Build the Redshift Data client with B's session and check it:`,
        `  const credentials = fromTemporaryCredentials({ params: { RoleArn: "${r.bRoleArn}", RoleSessionName: "${v.sessionName ?? "chaincheck"}"${v.externalId ? `, ExternalId: "${v.externalId}"` : ""} } });`,
        `  new RedshiftDataClient({ region: "${r.region}", credentials });   // GetCallerIdentity must show account ${r.B}`,
      ].join("\n");
    },
  },
  {
    id: "session-name-invalid",
    link: "assume-role",
    side: "A",
    title: "RoleSessionName is invalid (characters outside [\\w+=,.@-] or longer than 64)",
    summary:
      "The session name was built from something with `:` or `/` (an ARN, a path) or is over 64 characters; STS rejects it before authorization.",
    tellApart: "ValidationError naming `roleSessionName`.",
    catalog: ["L2-07"],
    fix: () =>
      `Sanitize the session name: name.replace(/[^\\w+=,.@-]/g, "-").slice(0, 64) — the function name or request id is safe, an ARN is not.`,
  },
  {
    id: "session-policy-rejected",
    link: "assume-role",
    side: "A",
    title: "The session policy or session tags are malformed or too large",
    summary:
      "The optional session policy / PolicyArns / session tags passed to AssumeRole are invalid (MalformedPolicyDocument) or exceed the packed size (PackedPolicyTooLarge).",
    tellApart: "MalformedPolicyDocument or PackedPolicyTooLarge from AssumeRole itself (400).",
    catalog: ["L2-09", "L2-10"],
    fix: () =>
      "Shorten the session tags or the inline session policy (validate it with `aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY`).",
  },
  {
    id: "sts-region-disabled",
    link: "assume-role",
    side: "B",
    title: "STS is not activated in this region for the account",
    summary:
      "The regional STS endpoint is deactivated for the account asked to issue credentials (B for AssumeRole). us-east-1 cannot be deactivated.",
    tellApart: "RegionDisabledException (403) naming the account.",
    catalog: ["L1-07"],
    fix: (v) =>
      `Activate STS in ${rendered(v).region} under IAM → Account settings in B (${rendered(v).B}), or point the STS client at an active region.`,
  },
  {
    id: "caller-token-expired",
    link: "assume-role",
    side: "A",
    title: "The caller's credentials are expired (cached session in a warm Lambda)",
    summary:
      "Credentials cached at module scope outlived their session (at most 1 h for a chained session) while the container stayed warm.",
    tellApart:
      "ExpiredToken (STS) / ExpiredTokenException (JSON services): `The security token included in the request is expired`.",
    catalog: ["L1-06", "L2-11"],
    fix: (v) =>
      `Use a refreshing provider: fromTemporaryCredentials({ params: { RoleArn: "${rendered(v).bRoleArn}", RoleSessionName: "${v.sessionName ?? "chaincheck"}" } }) from @aws-sdk/credential-providers, or re-assume when fewer than 5 minutes remain; keep polling a long COPY by its statement Id after re-assuming.`,
  },
  {
    id: "caller-token-invalid",
    link: "assume-role",
    side: null,
    title: "The security token is invalid in this region or partition",
    summary:
      "A session token from the global STS endpoint used in an opt-in region, an opt-in region not enabled in both accounts, or a GovCloud/China endpoint mix-up.",
    tellApart: "InvalidClientTokenId (403) `The security token included in the request is invalid`.",
    catalog: ["L1-08"],
    fix: (v) =>
      `Use the regional STS endpoint of ${rendered(v).region}, and enable the region in both A and B if it is opt-in.`,
  },
  {
    id: "trust-principal-not-created",
    link: "assume-role",
    side: "B",
    title: "B's trust policy was written naming A's role before it existed",
    summary:
      "IAM resolves a role principal to its unique id when the trust policy is saved, so saving it before A's role exists fails with `Invalid principal in policy`.",
    tellApart: "MalformedPolicyDocument at deploy time (CreateRole/UpdateAssumeRolePolicy), not at run time.",
    catalog: ["L2-04"],
    fix: (v) => {
      const r = rendered(v);
      return [
        `Create ${r.execRoleArn} first, or trust A's account with a principal-ARN condition:`,
        policyJson({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${r.A}:root` },
          Action: "sts:AssumeRole",
          Condition: { ArnEquals: { "aws:PrincipalArn": r.execRoleArn } },
        }),
      ].join("\n");
    },
  },
] as const satisfies readonly CauseDefinition[];
