/**
 * The execution role, from Lambda's side: can lambda.amazonaws.com assume it (checked at
 * CreateFunction / UpdateFunctionConfiguration, docs/failures.md L1-01), and the session Lambda
 * hands the function's environment (session name = function name, as AWS does; L1-02).
 * The trust policy is evaluated with the policy engine, with the context keys a service sends
 * (aws:SourceAccount, aws:SourceArn), so conditions on them behave as they do in AWS.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
 */
import { buildRequestContext, evaluate } from "../../policy/index.ts";
import type { CredentialRecord } from "../core/types.ts";
import type { World } from "../world/world.ts";
import type { LambdaFunction } from "./lambda-function.ts";

const LAMBDA_SERVICE = "lambda.amazonaws.com";

function serviceContext(account: string, functionArn: string): Record<string, string> {
  return { "aws:SourceAccount": account, "aws:SourceArn": functionArn };
}

/** True when the role exists and its trust policy lets Lambda assume it for this function. */
export function lambdaMayAssume(
  world: World,
  roleArn: string,
  account: string,
  functionArn: string,
): boolean {
  const role = world.iam.getRoleByArn(roleArn);
  if (!role) return false;
  const principal = {
    arn: LAMBDA_SERVICE,
    account: role.account,
    kind: "service" as const,
    userId: LAMBDA_SERVICE,
    service: LAMBDA_SERVICE,
  };
  const result = evaluate(
    {
      principal,
      action: "sts:AssumeRole",
      resource: role.arn,
      resourceAccount: role.account,
      context: buildRequestContext(principal, serviceContext(account, functionArn), world.clock()),
      isRoleTrust: true,
    },
    {
      identity: [],
      resource: { type: "trust", name: role.arn, document: world.iam.renderedTrustPolicy(role) },
    },
  );
  return result.decision === "Allow";
}

/** A fresh execution-role session for one execution environment. Throws AwsError when the trust no longer allows it. */
export function executionSession(world: World, fn: LambdaFunction): CredentialRecord {
  return world.assumeRoleAsService({
    roleArn: fn.role,
    service: LAMBDA_SERVICE,
    sessionName: fn.name,
    durationSeconds: 3600,
    context: serviceContext(fn.account, fn.arn),
  });
}
