/**
 * `chaincheck probe deploy|remove`: manage the probe function in account A (helpers/probe/deploy.ts).
 * Settings as for `run` (.env → environment → flags): AWS_REGION, CHAINCHECK_FUNCTION_NAME (the
 * probe's name, which `run --origin lambda-probe` invokes) and, for deploy, CHAINCHECK_LAMBDA_ROLE_ARN
 * (the execution role under test); AWS_ENDPOINT_URL / --endpoint for a non-AWS target. Credentials:
 * the SDK's standard provider chain. Exit 0 done · 2 configuration · 3 AWS refused (the message
 * names the permission: lambda:CreateFunction + iam:PassRole to deploy, lambda:DeleteFunction to remove).
 */
import { ConfigError, chainConfigSchema, EXAMPLES } from "../../config/chain-config.ts";
import { endpointProblem, resolveEnv } from "../../config/harness-config.ts";
import { deployProbe, ProbeCommandError, removeProbe } from "../probe/deploy.ts";
import { redactSecrets } from "../report/redact-secrets.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

function setting(
  flag: string | undefined,
  flagName: string,
  env: Record<string, string | undefined>,
  variable: string,
) {
  return flag !== undefined
    ? { value: flag, name: flagName }
    : { value: env[variable] || undefined, name: variable };
}

function check(
  problems: string[],
  s: { value?: string; name: string },
  field: "region" | "functionName" | "lambdaRoleArn",
): string {
  if (!s.value) {
    problems.push(`${s.name}: required; e.g. ${EXAMPLES[field]}`);
    return "";
  }
  const result = chainConfigSchema.shape[field].safeParse(s.value);
  if (!result.success) problems.push(`${s.name}: ${result.error.issues[0]?.message}`);
  return s.value;
}

export async function runProbeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    "function-name": { type: "string" },
    role: { type: "string" },
    region: { type: "string" },
    endpoint: { type: "string" },
    "env-file": { type: "string" },
  });
  const action = positionals[0];
  if (action !== "deploy" && action !== "remove")
    throw new UsageError(`probe: expected "deploy" or "remove", got ${action ? `"${action}"` : "nothing"}`);
  const problems: string[] = [];
  const env = resolveEnv(values["env-file"], problems);
  const region = check(problems, setting(values.region, "--region", env, "AWS_REGION"), "region");
  const functionName = check(
    problems,
    setting(values["function-name"], "--function-name", env, "CHAINCHECK_FUNCTION_NAME"),
    "functionName",
  );
  const role =
    action === "deploy"
      ? check(problems, setting(values.role, "--role", env, "CHAINCHECK_LAMBDA_ROLE_ARN"), "lambdaRoleArn")
      : "";
  const endpoint = setting(values.endpoint, "--endpoint", env, "AWS_ENDPOINT_URL");
  const bad = endpoint.value ? endpointProblem(endpoint.name, endpoint.value) : undefined;
  if (bad) problems.push(bad);
  if (problems.length > 0) {
    console.error(`chaincheck: ${new ConfigError(problems).message}`);
    return 2;
  }
  const settings = { region, endpoint: endpoint.value, credentials: undefined };
  try {
    if (action === "deploy") {
      const out = await deployProbe({ functionName, roleArn: role, settings });
      console.log(
        `probe ${out.action}: ${out.functionArn} (role ${role}, ${out.codeSize} bytes, sha256 ${out.codeSha256})`,
      );
    } else {
      const out = await removeProbe({ functionName, settings });
      console.log(
        out === "deleted" ? `probe ${functionName} deleted` : `no probe ${functionName}: nothing to remove`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof ProbeCommandError) {
      console.error(redactSecrets(`chaincheck: ${error.message}`));
      return 3;
    }
    throw error;
  }
}
