/**
 * An Organizations service control policy refuses one of the chain's calls (docs/failures.md
 * L1-04, L5-15). Not one link's cause: an SCP restricts every principal of the accounts below it,
 * so it can refuse link 1's sts:AssumeRole (an SCP on A) as well as B's credential, Data API or
 * COPY calls (an SCP on B). The side is the account the SCP restricts; the change is made in the
 * organization's management account.
 */
import type { CauseDefinition } from "./cause-definition.ts";
import { type FixValues, inlineJson } from "./fix-values.ts";

function exception(v: FixValues): object {
  return { ArnNotLike: { "aws:PrincipalArn": v.exemptRoleArn ?? "<role ARN>" } };
}

function scpFix(v: FixValues): string {
  const mgmt = v.managementAccount ? ` (${v.managementAccount})` : "";
  const profile = `--profile ${v.managementAccount ? `account-${v.managementAccount}` : "<management account profile>"}`;
  const id = v.scpId ?? "<policy id>";
  const call = `${v.action ?? "<action>"} on ${v.resourceArn ?? "<resource>"}`;
  const role = v.exemptRoleArn ?? "<role ARN>";
  const lines = [
    `In the organization's management account${mgmt}, exempt ${role} from the SCP${v.scpName ? ` ${v.scpName}` : ""}${v.scpId ? ` ${v.scpId}` : ""} that refuses ${call} to account ${v.scpAccount ?? "<account>"}: add this to the Condition of its Deny statement${v.denyStatement ? ` ${v.denyStatement}` : " that matches the call"} (or the role's ARN to the list of an ArnNotLike on aws:PrincipalArn it already has; the Deny keeps applying to every other principal):`,
    `  ${JSON.stringify(exception(v))}`,
  ];
  if (v.scpDocument)
    lines.push(
      "The SCP with the exception made:",
      `  aws organizations update-policy ${profile} --policy-id ${id} --content ${inlineJson(JSON.parse(v.scpDocument))}`,
    );
  else
    lines.push(
      `Find it (as the management account): aws organizations list-parents ${profile} --child-id ${v.scpAccount ?? "<account>"}, then aws organizations list-policies-for-target ${profile} --target-id <the account, each OU, the root> --filter SERVICE_CONTROL_POLICY and aws organizations describe-policy ${profile} --policy-id <p-…>; apply the edited document with aws organizations update-policy ${profile} --policy-id <p-…> --content file://scp.json.`,
    );
  lines.push(
    "An SCP that merely lacks an Allow (an allow-list SCP) needs the action added to its Allow statement instead.",
  );
  return lines.join("\n");
}

export const SCP_CAUSES = [
  {
    id: "scp-denied",
    link: "lambda-role",
    side: null,
    title:
      "An Organizations SCP on the caller's account refuses the call (change it in the management account)",
    summary:
      "A service control policy attached to the caller's account, one of its OUs or the organization's root denies the call (or, for an allow-list SCP, does not allow it). SCPs bound every principal of a member account, its root user included, whatever the identity and resource policies allow, so no change in A or B alone lifts it: the organization's management account must exempt the role in the SCP.",
    tellApart:
      "AWS's text says `with an explicit deny in a service control policy` (or `because no service control policy allows`) when the caller and the resource share an account or organization; across organizations S3 and COPY say only `Access Denied`. When the role's policies and the resource policy both allow the call, an SCP is the likeliest refusal; organizations:ListPoliciesForTarget and DescribePolicy as the management account settle it.",
    catalog: ["L1-04", "L5-15"],
    fix: scpFix,
  },
] as const satisfies readonly CauseDefinition[];
