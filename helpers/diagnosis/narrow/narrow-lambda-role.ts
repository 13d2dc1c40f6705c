/**
 * Link 1 failed: which of its checks, and for an A-side denial of sts:AssumeRole, what in A denies
 * it (iam:SimulatePrincipalPolicy's matched statements, boundary and Organizations details).
 */
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import type { LinkReport } from "../../report/types.ts";
import { tryRead } from "../read/read-access.ts";
import { readRole } from "../read/read-role.ts";
import type { DiagnoseContext } from "./diagnose-context.ts";
import type { Finding } from "./finding.ts";
import { failedCheck } from "./link-checks.ts";

/**
 * A matched statement's policy in words. The simulator's SourcePolicyType is IAM's enum (`role`,
 * `user-managed`, `aws-managed`, …, and `none` for a policy outside IAM such as an SCP).
 */
function policyLabel(type: string | undefined, id: string | undefined): string {
  const kind =
    type === "role" || type === "user" || type === "group"
      ? "the inline policy"
      : type === "user-managed" || type === "aws-managed"
        ? "the managed policy"
        : /service_control_policy|:organizations:/.test(id ?? "")
          ? "the service control policy"
          : "the policy";
  return id ? `${kind} ${id}` : `${kind} in A`;
}

/** Simulate A's side of sts:AssumeRole on B's role for the execution role. */
export async function simulateAssume(
  ctx: DiagnoseContext,
  execRoleArn: string,
): Promise<Finding | "allowed" | string> {
  const bRoleArn = ctx.config.targetRoleArn;
  const sim = await tryRead(`iam:SimulatePrincipalPolicy on ${execRoleArn} in A`, () =>
    new IAMClient(ctx.access.tester).send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: execRoleArn,
        ActionNames: ["sts:AssumeRole"],
        ResourceArns: [bRoleArn],
      }),
    ),
  );
  if (!sim.ok) return sim.why;
  const r = sim.value.EvaluationResults?.[0];
  const decision = r?.EvalDecision;
  if (decision === "allowed") return "allowed";
  const evidence = [
    `iam:SimulatePrincipalPolicy in A gives ${decision} for ${execRoleArn} → sts:AssumeRole on ${bRoleArn}.`,
  ];
  const call = {
    roleArn: execRoleArn,
    sessionName: ctx.values.functionName ?? "chaincheck",
    action: "sts:AssumeRole",
    resource: bRoleArn,
    resourceAccount: ctx.values.accountB,
  };
  const scp = {
    action: "sts:AssumeRole",
    resourceArn: bRoleArn,
    exemptRoleArn: execRoleArn,
    scpAccount: ctx.values.accountA,
  };
  if (decision === "explicitDeny") {
    const deny = r?.MatchedStatements?.find((m) => m.SourcePolicyId || m.SourcePolicyType);
    const scpArn = /:organizations::(\d{12}):policy\/.*\/(p-[0-9A-Za-z_]+)$/.exec(deny?.SourcePolicyId ?? "");
    if (scpArn)
      return {
        cause: "scp-denied",
        side: "A",
        evidence: [...evidence, `The Deny is in the service control policy ${deny?.SourcePolicyId}.`],
        values: { ...scp, scpId: scpArn[2], managementAccount: scpArn[1], deniedBy: deny?.SourcePolicyId },
        call,
      };
    const deniedBy = deny ? policyLabel(deny.SourcePolicyType, deny.SourcePolicyId) : "a policy in A";
    return {
      cause: "explicit-deny",
      side: "A",
      evidence,
      values: { deniedBy, action: "sts:AssumeRole", resourceArn: bRoleArn, callerArn: execRoleArn },
    };
  }
  if (r?.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
    return {
      cause: "scp-denied",
      side: "A",
      evidence: [...evidence, "An SCP on A does not allow it (OrganizationsDecisionDetail)."],
      values: scp,
      call,
    };
  if (r?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) {
    const role = await readRole(ctx.access.tester, execRoleArn);
    const boundaryArn = role.ok && role.value !== "missing" ? role.value.permissionsBoundaryArn : undefined;
    return {
      cause: "boundary-missing-allow",
      side: "A",
      evidence: [
        ...evidence,
        `Its permissions boundary${boundaryArn ? ` ${boundaryArn}` : ""} has no Allow for sts:AssumeRole on ${bRoleArn}, and no Deny matched: a missing Allow, not an explicit deny.`,
      ],
      values: {
        action: "sts:AssumeRole",
        resourceArn: bRoleArn,
        boundaryArn,
        boundaryRoleArn: execRoleArn,
      },
    };
  }
  return {
    cause: "caller-policy-missing-assume-role",
    side: "A",
    evidence: [...evidence, "No identity policy of the execution role allows it."],
  };
}

export async function narrowLambdaRole(
  report: LinkReport,
  ctx: DiagnoseContext,
): Promise<Finding | undefined> {
  const failed = failedCheck(report);
  switch (failed?.id) {
    case "function-role": {
      if (report.error?.code === "ResourceNotFoundException")
        return { cause: "lambda-function-not-found", evidence: [`Lambda said: ${report.error.message}`] };
      const { functionName, roleArn: real, expectedRoleArn } = failed.facts ?? {};
      // The run's values name the real role as lambdaRoleArn; the configured one goes apart.
      if (real && expectedRoleArn)
        return {
          cause: "lambda-role-mismatch",
          evidence: [
            `GetFunctionConfiguration: function ${functionName} runs as ${real}, expected ${expectedRoleArn}.`,
          ],
          values: { lambdaRoleArn: real, configuredLambdaRoleArn: ctx.config.lambdaRoleArn },
        };
      return undefined;
    }
    case "execution-role-trust":
      return {
        cause: "lambda-trust-missing",
        evidence: [
          `${failed.facts?.roleArn ?? "The execution role"}'s trust policy does not allow lambda.amazonaws.com to assume it (read with iam:GetRole in A).`,
        ],
      };
    case "a-allows-assume-role": {
      const said = `iam:SimulatePrincipalPolicy in A gives ${failed.facts?.decision ?? "a denial"} for ${failed.facts?.roleArn ?? "the execution role"} → sts:AssumeRole on ${failed.facts?.bRoleArn ?? ctx.config.targetRoleArn}.`;
      const execRoleArn = ctx.values.lambdaRoleArn;
      if (!execRoleArn) return { cause: "caller-policy-missing-assume-role", evidence: [said] };
      const sim = await simulateAssume(ctx, execRoleArn);
      if (typeof sim === "object") return sim;
      return { cause: "caller-policy-missing-assume-role", evidence: [said] };
    }
    default:
      return undefined;
  }
}
