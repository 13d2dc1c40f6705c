/**
 * Sessions a service takes on its own behalf: Lambda assuming a function's execution role, Redshift
 * assuming a COPY role. Only the role's trust policy decides (the service is the principal, with
 * the aws:SourceAccount / aws:SourceArn context it sends); a refusal is AccessDenied with AWS's
 * plain text.
 */
import { buildRequestContext, evaluate } from "../../policy/index.ts";
import type { NamedPolicy } from "../../policy/types.ts";
import { AwsError } from "../core/errors.ts";
import type { CredentialRecord } from "../core/types.ts";
import type { World } from "./world.ts";
import type { ServiceSessionRequest } from "./world-params.ts";

/**
 * A service assuming a role on its own behalf (Lambda for the execution role, Redshift for a
 * COPY role): only the trust policy decides. Throws AccessDenied (plain AWS text) when it does not.
 */
export function assumeRoleAsService(world: World, req: ServiceSessionRequest): CredentialRecord {
  const role = world.iam.getRoleByArn(req.roleArn);
  const deny = () =>
    new AwsError(
      "AccessDenied",
      `${req.service} is not authorized to perform: sts:AssumeRole on resource: ${req.roleArn}`,
      { status: 403 },
    );
  if (!role) throw deny();
  const trust: NamedPolicy = {
    type: "trust",
    name: role.arn,
    document: world.iam.renderedTrustPolicy(role),
  };
  const principal = {
    arn: req.service,
    account: role.account,
    kind: "service" as const,
    userId: req.service,
    service: req.service,
  };
  const result = evaluate(
    {
      principal,
      action: "sts:AssumeRole",
      resource: role.arn,
      resourceAccount: role.account,
      context: buildRequestContext(principal, req.context ?? {}, world.clock()),
      isRoleTrust: true,
    },
    { identity: [], resource: trust },
  );
  if (result.decision !== "Allow" && !world.laxIam) throw deny();
  return world.issueRoleSession({
    role,
    sessionName: req.sessionName,
    durationSeconds: req.durationSeconds ?? role.maxSessionDuration,
  });
}

/**
 * The credentials Lambda hands a function: a session of its execution role named after the
 * function (docs/failures.md L1-02: `assumed-role/<ExecRole>/<FunctionName>`).
 */
export function lambdaExecutionSession(
  world: World,
  functionName: string,
  options: { account?: string; region?: string } = {},
): CredentialRecord {
  const fn = world.setup.lambdaFunctions.find(
    (f) =>
      f.name === functionName &&
      (options.account === undefined || f.account === options.account) &&
      (options.region === undefined || f.region === options.region),
  );
  if (!fn) throw new Error(`no Lambda function ${functionName} in the setup`);
  return assumeRoleAsService(world, {
    roleArn: fn.role,
    service: "lambda.amazonaws.com",
    sessionName: functionName,
    durationSeconds: 3600,
    context: {
      "aws:SourceAccount": fn.account,
      "aws:SourceArn": `arn:aws:lambda:${fn.region}:${fn.account}:function:${fn.name}`,
    },
  });
}
