/**
 * Link 1 — `lambda-role`: the function exists and runs as the expected execution role, the role
 * trusts lambda.amazonaws.com, and A's policies allow sts:AssumeRole on B's role.
 *
 * iam:SimulatePrincipalPolicy answers for A's side only: it ignores B's trust policy (the real IAM
 * simulator does too — aws/aws-cli#10314), so link 2 still has to call AssumeRole.
 */
import { GetRoleCommand, IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { isWellFormedRoleArn } from "../../config/chain-config.ts";
import { evaluate } from "../../policy/index.ts";
import { AwsCallError, isTargetGap, targetFaultText } from "../aws/call-recorder.ts";
import type { CheckOf, CheckResult } from "../report/types.ts";
import { accountOfArn, addCheck, type CheckHead, outcomeForCallError, outcomeFromChecks } from "./check.ts";
import type { LinkContext, LinkOutcome } from "./context.ts";
import { controlName, runControl } from "./negative-control.ts";

/** Link 1's checks and the facts each reports (read by the diagnosis instead of the detail text). */
export type LambdaRoleCheck =
  | CheckOf<"function-role", { functionName: string; roleArn?: string; expectedRoleArn?: string }>
  | CheckOf<"execution-role-trust", { roleArn?: string; trustsLambda?: boolean }>
  | CheckOf<"a-allows-assume-role", { roleArn: string; bRoleArn: string; decision?: string }>;

export async function runLambdaRole(ctx: LinkContext): Promise<LinkOutcome> {
  const tester = ctx.clientSettings(ctx.testerCredentials);
  const { functionName, targetRoleArn: bRoleArn } = ctx.config;
  let roleArn = ctx.config.lambdaRoleArn;
  const functionRole = {
    id: "function-role",
    name: "function role",
    facts: { functionName, expectedRoleArn: roleArn },
  } as const;

  try {
    const fn = await ctx.recorder.call("lambda", "GetFunctionConfiguration", () =>
      new LambdaClient(tester).send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
    );
    if (roleArn && fn.Role !== roleArn) {
      addCheck(ctx, {
        ...functionRole,
        status: "fail",
        detail: `function ${functionName} runs as ${fn.Role}, expected ${roleArn}`,
        facts: { functionName, roleArn: fn.Role, expectedRoleArn: roleArn },
      });
      return { status: "fail" };
    }
    roleArn = fn.Role;
    addCheck(ctx, {
      ...functionRole,
      status: "pass",
      detail: `function ${functionName} runs as ${roleArn}`,
      facts: { functionName, roleArn },
    });
  } catch (error) {
    if (!isTargetGap(error)) return outcomeForCallError(ctx, functionRole, error);
    addCheck(ctx, {
      ...functionRole,
      status: "error",
      detail: "the target cannot check this: lambda GetFunctionConfiguration is not implemented there",
    });
  }
  if (!roleArn) {
    addCheck(ctx, {
      ...TRUST_CHECK,
      status: "error",
      detail: "no execution role known: set lambdaRoleArn (CHAINCHECK_LAMBDA_ROLE_ARN)",
    });
    return { status: "error" };
  }
  ctx.state.lambdaRoleArn = roleArn;

  const iam = new IAMClient(tester);
  const roleName = roleArn.split("/").pop() ?? roleArn;
  try {
    const role = await ctx.recorder.call("iam", "GetRole", () =>
      iam.send(new GetRoleCommand({ RoleName: roleName })),
    );
    const trust = decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "{}");
    const decision = evaluate(
      {
        principal: {
          arn: "lambda.amazonaws.com",
          account: "",
          kind: "service",
          userId: "lambda.amazonaws.com",
          service: "lambda.amazonaws.com",
        },
        action: "sts:AssumeRole",
        resource: roleArn,
        resourceAccount: accountOfArn(roleArn),
        context: { "aws:PrincipalServiceName": "lambda.amazonaws.com", "aws:PrincipalIsAWSService": "true" },
        isRoleTrust: true,
      },
      { identity: [], resource: { type: "trust", name: `${roleArn} trust policy`, document: trust } },
    );
    const trustsLambda = decision.decision === "Allow";
    addCheck(ctx, {
      ...TRUST_CHECK,
      status: trustsLambda ? "pass" : "fail",
      detail: trustsLambda
        ? `${roleName} trusts lambda.amazonaws.com`
        : `${roleName}'s trust policy does not allow lambda.amazonaws.com to assume it`,
      facts: { roleArn, trustsLambda },
    });
  } catch (error) {
    recordReadError(ctx, { ...TRUST_CHECK, facts: { roleArn } }, error, `iam:GetRole on ${roleArn}`);
  }

  if (!isWellFormedRoleArn(bRoleArn)) {
    // Simulating on a malformed ARN would blame A's policy for the ARN's mistake; link 2 calls
    // AssumeRole with it and reports `target-role-arn-malformed` with the fix (README, Scenarios).
    return {
      ...outcomeFromChecks(ctx),
      note: `A's side of sts:AssumeRole not simulated: the target role ARN ${bRoleArn} has no valid account id (link assume-role reports it)`,
    };
  }
  const allows = {
    id: "a-allows-assume-role",
    name: "A allows sts:AssumeRole",
    facts: { roleArn, bRoleArn },
  } as const;
  try {
    const sim = await ctx.recorder.call("iam", "SimulatePrincipalPolicy", () =>
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: roleArn,
          ActionNames: ["sts:AssumeRole"],
          ResourceArns: [bRoleArn],
        }),
      ),
    );
    const decision = sim.EvaluationResults?.[0]?.EvalDecision ?? "unknown";
    addCheck(ctx, {
      ...allows,
      status: decision === "allowed" ? "pass" : "fail",
      detail:
        decision === "allowed"
          ? `A's policies allow ${roleName} to call sts:AssumeRole on ${bRoleArn}`
          : `A's policies give ${decision} for sts:AssumeRole on ${bRoleArn} from ${roleName}`,
      facts: { ...allows.facts, decision },
    });
  } catch (error) {
    recordReadError(ctx, allows, error, `iam:SimulatePrincipalPolicy on ${roleArn}`);
  }
  const outcome = outcomeFromChecks(ctx);
  if (outcome.status !== "pass") return outcome;
  // Control: the same simulation on a role in B that cannot exist; A's policies cannot allow it
  // unless they allow sts:AssumeRole on more than B's role.
  const ghost = `arn:aws:iam::${accountOfArn(bRoleArn)}:role/${controlName("chaincheck-control-")}`;
  await runControl(ctx, `iam SimulatePrincipalPolicy sts:AssumeRole on ${ghost}`, async () => {
    const sim = await ctx.recorder.call("iam", "SimulatePrincipalPolicy", () =>
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: roleArn,
          ActionNames: ["sts:AssumeRole"],
          ResourceArns: [ghost],
        }),
      ),
    );
    const decision = sim.EvaluationResults?.[0]?.EvalDecision ?? "unknown";
    return { allowed: decision === "allowed", detail: `the simulation answered ${decision}` };
  });
  return outcome;
}

/** A read the harness makes for itself failed: the harness could not check (never a setup failure). */
function recordReadError(ctx: LinkContext, head: CheckHead, error: unknown, permission: string): void {
  if (!(error instanceof AwsCallError)) throw error;
  const e = error.linkError;
  // A 500 is the target's fault, not a missing permission of the tester.
  const detail = e.targetFault
    ? targetFaultText(e, error.retries)
    : `the harness could not read this (${e.code}); the tester needs ${permission}`;
  addCheck(ctx, { ...head, status: "error", detail } as CheckResult);
}

const TRUST_CHECK = { id: "execution-role-trust", name: "execution role trust" } as const;
