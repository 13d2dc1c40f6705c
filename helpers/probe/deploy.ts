/**
 * `chaincheck probe deploy|remove` on a real account (or any target): create or update the probe
 * function in account A with the execution role under test, or delete it. Creating needs
 * `lambda:CreateFunction` (updating: `lambda:UpdateFunctionCode` + `lambda:GetFunctionConfiguration`)
 * and `iam:PassRole` on the execution role; removing needs `lambda:DeleteFunction`.
 *
 * Only a function this command created is ever replaced or deleted: it carries PROBE_DESCRIPTION,
 * and a function without it is refused (it could be the user's real Lambda).
 *
 * Known gaps: no wait for `State: Active` / `LastUpdateStatus: Successful` after a deploy (a run
 * right after may meet `ResourceConflictException`); no VPC, layers or environment settings.
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import type { ClientSettings } from "../chain/context.ts";
import { buildProbeZip, PROBE_HANDLER, PROBE_RUNTIME } from "./probe-bundle.ts";

export const PROBE_DESCRIPTION = "chaincheck probe: runs the chain's links 2-5 as this execution role";

export interface ProbeTarget {
  functionName: string;
  settings: ClientSettings;
}

export interface DeployResult {
  action: "created" | "updated";
  functionArn: string;
  codeSha256: string;
  codeSize: number;
}

/** A probe command failed in a way the user must act on; the message names the permission. */
export class ProbeCommandError extends Error {
  override name = "ProbeCommandError";
}

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation"]);

function explain(error: unknown, action: string, permissions: string): never {
  const e = error as SdkError;
  if (e.name && DENIED.has(e.name))
    throw new ProbeCommandError(
      `${action} was denied (${e.name}): the caller needs ${permissions}. AWS said: ${e.message}`,
    );
  throw new ProbeCommandError(`${action} failed (${e.name ?? "error"}): ${e.message ?? String(error)}`);
}

async function existing(lambda: LambdaClient, functionName: string, alsoNeeded: string) {
  try {
    return await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  } catch (error) {
    if ((error as SdkError).name === "ResourceNotFoundException") return undefined;
    return explain(
      error,
      `reading function ${functionName}`,
      `lambda:GetFunctionConfiguration on it, ${alsoNeeded}`,
    );
  }
}

function refuseForeign(functionName: string, description: string | undefined): void {
  if (description !== PROBE_DESCRIPTION)
    throw new ProbeCommandError(
      `function ${functionName} exists and is not a chaincheck probe (its description differs), so it is left alone; choose another CHAINCHECK_FUNCTION_NAME for the probe`,
    );
}

export async function deployProbe(
  target: ProbeTarget & { roleArn: string; timeoutSeconds?: number; zip?: Uint8Array },
): Promise<DeployResult> {
  const lambda = new LambdaClient(target.settings);
  const zip = target.zip ?? (await buildProbeZip());
  const current = await existing(
    lambda,
    target.functionName,
    `then lambda:CreateFunction (or lambda:UpdateFunctionCode) and iam:PassRole on ${target.roleArn}`,
  );
  if (current) {
    refuseForeign(target.functionName, current.Description);
    const out = await lambda
      .send(new UpdateFunctionCodeCommand({ FunctionName: target.functionName, ZipFile: zip }))
      .catch((error: unknown) =>
        explain(error, `updating probe ${target.functionName}`, "lambda:UpdateFunctionCode on the function"),
      );
    return {
      action: "updated",
      functionArn: out.FunctionArn ?? "",
      codeSha256: out.CodeSha256 ?? "",
      codeSize: out.CodeSize ?? 0,
    };
  }
  const out = await lambda
    .send(
      new CreateFunctionCommand({
        FunctionName: target.functionName,
        Role: target.roleArn,
        Runtime: PROBE_RUNTIME,
        Handler: PROBE_HANDLER,
        Description: PROBE_DESCRIPTION,
        // Links 4–5 poll statements; COPY on a busy cluster can take a while.
        Timeout: target.timeoutSeconds ?? 300,
        MemorySize: 256,
        Code: { ZipFile: zip },
      }),
    )
    .catch((error: unknown) =>
      explain(
        error,
        `creating probe ${target.functionName}`,
        `lambda:CreateFunction on the function and iam:PassRole on ${target.roleArn}`,
      ),
    );
  return {
    action: "created",
    functionArn: out.FunctionArn ?? "",
    codeSha256: out.CodeSha256 ?? "",
    codeSize: out.CodeSize ?? 0,
  };
}

/** Delete the probe; "absent" when there is none. Never deletes a function that is not a probe. */
export async function removeProbe(target: ProbeTarget): Promise<"deleted" | "absent"> {
  const lambda = new LambdaClient(target.settings);
  const current = await existing(lambda, target.functionName, "then lambda:DeleteFunction");
  if (!current) return "absent";
  refuseForeign(target.functionName, current.Description);
  await lambda
    .send(new DeleteFunctionCommand({ FunctionName: target.functionName }))
    .catch((error: unknown) =>
      explain(error, `deleting probe ${target.functionName}`, "lambda:DeleteFunction on the function"),
    );
  return "deleted";
}
