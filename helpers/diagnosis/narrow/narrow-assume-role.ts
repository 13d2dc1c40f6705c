/**
 * Link 2 failed with AssumeRole's ambiguous AccessDenied (docs/failures.md L1-02/L2-01…03, L1-03):
 * narrow it with what can be read. A's side from iam:SimulatePrincipalPolicy in A; B's side from
 * B's trust policy when a B reader exists — evaluated with the policy engine for the caller
 * session and the configured ExternalId, AROA principals checked against the execution role's
 * current unique id (iam:GetRole in A). A role B does not have is `target-role-arn-malformed`.
 * Without a B reader the B-side candidates stay ranked and the summary names the read that settles them;
 * the ranking uses what the harness sent: with an ExternalId configured, an ExternalId mismatch
 * comes first (the same AccessDenied, and the most common mistake when one is sent).
 *
 * Known gaps: resource control policies over B's roles are not read (A's SCPs are weighed by the SCP
 * step, narrow-scps.ts); a trust that allows while STS still denies is reported as the top trust
 * candidate with that contradiction stated.
 */
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import type { CauseId } from "../catalog/causes.ts";
import type { Classification } from "../classify/classify-error.ts";
import { closeNames } from "../read/close-names.ts";
import { B_READ_HINT, type ReaderSettings, tryRead } from "../read/read-access.ts";
import { readRole } from "../read/read-role.ts";
import { sessionPrincipal, trustVerdict } from "../read/trust-verdict.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";
import { simulateAssume } from "./narrow-lambda-role.ts";

/** B's candidates, most likely first given whether the harness sent an ExternalId. */
function bCandidates(externalIdSent: boolean): CauseId[] {
  return externalIdSent
    ? [
        "trust-policy-external-id",
        "trust-policy-missing-principal",
        "trust-policy-stale-principal",
        "target-role-arn-malformed",
      ]
    : [
        "trust-policy-missing-principal",
        "trust-policy-external-id",
        "trust-policy-stale-principal",
        "target-role-arn-malformed",
      ];
}

export async function narrowAssumeDenied(c: Classification, ctx: DiagnoseContext): Promise<Finding> {
  const evidence = [
    "STS answered AccessDenied without a reason (the same text for A's identity policy, B's trust, the ExternalId, a stale principal and a missing role).",
  ];
  const execRoleArn = c.facts.lambdaRoleArn ?? ctx.values.lambdaRoleArn;
  const bRoleArn = ctx.config.targetRoleArn;
  const unsettled: string[] = [];

  if (execRoleArn) {
    const sim = await simulateAssume(ctx, execRoleArn);
    if (typeof sim === "object") return { ...sim, evidence: [...evidence, ...sim.evidence] };
    if (sim === "allowed")
      evidence.push(
        `iam:SimulatePrincipalPolicy in A allows ${execRoleArn} to call sts:AssumeRole on ${bRoleArn}, so A's side is not it.`,
      );
    else unsettled.push(sim);
  }
  const aSideOpen = unsettled.length > 0 || !execRoleArn;

  const sent = ctx.config.externalId
    ? `The chain sends ExternalId "${ctx.config.externalId}", so a trust requiring another value is the likeliest B-side cause.`
    : "The chain sends no ExternalId.";
  const [top, ...rest] = bCandidates(Boolean(ctx.config.externalId));
  const reader = ctx.access.readerB;
  if (!reader || !execRoleArn || !top) {
    const others = [...rest];
    if (aSideOpen) others.splice(1, 0, "caller-policy-missing-assume-role");
    return {
      cause: top ?? "trust-policy-missing-principal",
      evidence: [
        ...evidence,
        ...unsettled.map((u) => `A's side: ${u}.`),
        "B's trust policy was not read.",
        sent,
      ],
      others,
      settledBy: `iam:GetRole on ${bRoleArn} in B (${B_READ_HINT})${aSideOpen ? ` and iam:SimulatePrincipalPolicy on ${execRoleArn ?? "the execution role"} in A` : ""}`,
    };
  }
  const role = await readRole(reader, bRoleArn);
  if (!role.ok)
    return {
      cause: top,
      evidence: [...evidence, `B's trust: ${role.why}.`, sent],
      others: aSideOpen ? [...rest, "caller-policy-missing-assume-role"] : rest,
      settledBy: `iam:GetRole on ${bRoleArn} for the B reader`,
    };
  if (role.value === "missing") {
    const similar = await similarRoleArns(reader, bRoleArn);
    return {
      cause: "target-role-arn-malformed",
      evidence: [
        ...evidence,
        `iam:GetRole in B: there is no role ${bRoleArn.split("/").pop()} in account ${bRoleArn.split(":")[4]}.`,
        ...(similar.length ? [`B has ${similar.join(", ")} — is that the one meant?`] : []),
      ],
    };
  }

  const execRole = await readRole(ctx.access.tester, execRoleArn);
  const roleId = execRole.ok && execRole.value !== "missing" ? execRole.value.roleId : undefined;
  const caller = sessionPrincipal(execRoleArn, ctx.config.functionName.slice(0, 64), roleId);
  const verdict = trustVerdict(role.value.trust, bRoleArn, caller, ctx.config.externalId);
  const others: CauseId[] = aSideOpen ? ["caller-policy-missing-assume-role"] : [];
  const settledBy = aSideOpen ? `iam:SimulatePrincipalPolicy on ${execRoleArn} in A` : undefined;
  if (verdict.externalIdMismatch)
    return {
      cause: "trust-policy-external-id",
      evidence: [
        ...evidence,
        `B's trust (iam:GetRole in B) names the caller but requires sts:ExternalId ${verdict.expectedExternalId ?? "(a value)"}; ${ctx.config.externalId ? `the chain sends "${ctx.config.externalId}"` : "the chain sends no ExternalId"}.`,
      ],
      values: { expectedExternalId: verdict.expectedExternalId },
      others,
      settledBy,
    };
  if (verdict.staleIds.length)
    return {
      cause: "trust-policy-stale-principal",
      evidence: [
        ...evidence,
        `B's trust names ${verdict.staleIds.join(", ")}, which is not ${execRoleArn}'s current unique id${roleId ? ` (${roleId})` : ""}.`,
      ],
      values: { staleIds: verdict.staleIds },
      others,
      settledBy,
    };
  if (verdict.allows)
    return {
      cause: "trust-policy-missing-principal",
      evidence: [
        ...evidence,
        "Yet B's trust, evaluated for the caller session, allows it: something not readable here denies: an SCP on A's account (it binds the caller; B's SCPs do not), a resource control policy over B's roles, or a trust edited since it was read.",
      ],
      others: [...others, "explicit-deny"],
      settledBy: "CloudTrail in B (the denied AssumeRole event)",
    };
  return {
    cause: "trust-policy-missing-principal",
    evidence: [
      ...evidence,
      `B's trust (iam:GetRole in B) has no statement allowing ${execRoleArn} to call sts:AssumeRole.`,
    ],
    others,
    settledBy,
  };
}

/** Roles in B whose names are close to the missing one (a typo in the ARN); first page of ListRoles only. */
async function similarRoleArns(reader: ReaderSettings, bRoleArn: string): Promise<string[]> {
  const listed = await tryRead("iam:ListRoles in B", () =>
    new IAMClient(reader).send(new ListRolesCommand({})),
  );
  if (!listed.ok) return [];
  const roles = (listed.value.Roles ?? []).filter((r) => r.RoleName && r.Arn);
  const close = closeNames(
    bRoleArn.split("/").pop() ?? bRoleArn,
    roles.map((r) => r.RoleName as string),
    1,
  );
  return close.map((name) => roles.find((r) => r.RoleName === name)?.Arn as string);
}
