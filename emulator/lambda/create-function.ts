/**
 * CreateFunction (POST /2015-03-31/functions, 201), in Lambda's order: constraint validation,
 * `lambda:CreateFunction` on the function ARN (pipeline), `iam:PassRole` on the role for the
 * caller (AccessDeniedException with IAM's wording), Runtime/Handler presence, name conflict (409),
 * the role's trust of lambda.amazonaws.com (L1-01), then the package.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 *
 * LoggingConfig and SnapStart are kept and shown (logging-snapstart.ts).
 *
 * Known gaps: Code.S3Bucket/S3Key and ImageUri answer 501; Publish, layers, DLQ, KMS and file
 * systems are ignored; no concurrency limits.
 */

import { notImplemented } from "../core/errors.ts";
import type { OperationContext, OperationDef } from "../core/types.ts";
import { restResult } from "../protocols/rest-result.ts";
import { lambdaMayAssume } from "./execution-role.ts";
import { codeFromZip } from "./function-code.ts";
import {
  checkArchitectures,
  checkEnvironment,
  checkHandler,
  checkMemorySize,
  checkRole,
  checkRuntime,
  checkTimeout,
  requireRuntimeAndHandler,
} from "./function-input.ts";
import { authorizeOn, type LambdaDeps, refOf } from "./lambda-deps.ts";
import { functionExists, roleNotAssumable, validationError, zippedTooLarge } from "./lambda-errors.ts";
import { type FunctionCode, functionArnOf, functionConfiguration, newRevisionId } from "./lambda-function.ts";
import { checkSnapStart, mergeLogging } from "./logging-snapstart.ts";

/** `iam:PassRole` for the caller, with the service the role is handed to. */
export function authorizePassRole(ctx: OperationContext, role: string): void {
  ctx.authorize({
    action: "iam:PassRole",
    resource: role,
    resourceAccount: /^arn:[^:]+:iam::(\d{12}):/.exec(role)?.[1],
    context: { "iam:PassedToService": "lambda.amazonaws.com" },
  });
}

/** Lambda's 50 MB quota on a zip uploaded directly, checked before it is unzipped (as AWS answered). */
const ZIPPED_LIMIT = 52_428_800;

/** The deployment package of CreateFunction / UpdateFunctionCode. */
export function packageFrom(input: Record<string, unknown>, operation: string): FunctionCode {
  const zip = input.ZipFile;
  if (typeof zip === "string" && zip.length > 0) {
    const bytes = Buffer.from(zip, "base64");
    if (bytes.length > ZIPPED_LIMIT) throw zippedTooLarge(ZIPPED_LIMIT);
    return codeFromZip(bytes);
  }
  if (input.S3Bucket !== undefined || input.S3Key !== undefined) {
    throw notImplemented("lambda", `${operation} with Code.S3Bucket (use Code.ZipFile)`);
  }
  if (input.ImageUri !== undefined) throw notImplemented("lambda", `${operation} with a container image`);
  throw validationError("code", null, "Member must not be null");
}

export function createFunctionOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "POST", path: "/2015-03-31/functions", successCode: 201 },
    authorize: (ctx) => authorizeOn("lambda:CreateFunction", refOf(ctx)),
    handler: (ctx) => {
      const input = ctx.input;
      const ref = refOf(ctx);
      const role = checkRole(input.Role);
      checkArchitectures(input.Architectures);
      const runtime = checkRuntime(input.Runtime);
      const handler = checkHandler(input.Handler);
      const timeout = checkTimeout(input.Timeout) ?? 3;
      const memorySize = checkMemorySize(input.MemorySize) ?? 128;
      const environment = checkEnvironment(input.Environment) ?? {};
      const snapStartApplyOn = checkSnapStart(input.SnapStart);
      if (input.Code === undefined || input.Code === null)
        throw validationError("code", null, "Member must not be null");
      authorizePassRole(ctx, role);
      requireRuntimeAndHandler(runtime, handler);
      if (deps.store.get(ref.account, ref.region, ref.name)) throw functionExists(ref.name);
      const arn = functionArnOf(ref.region, ref.account, ref.name);
      if (!lambdaMayAssume(deps.world, role, ref.account, arn)) throw roleNotAssumable();
      const code = packageFrom(input.Code as Record<string, unknown>, "CreateFunction");
      const vpc = input.VpcConfig as { SubnetIds?: string[]; SecurityGroupIds?: string[] } | undefined;
      const fn = {
        account: ref.account,
        region: ref.region,
        name: ref.name,
        arn,
        role,
        runtime: runtime!,
        handler: handler!,
        description: typeof input.Description === "string" ? input.Description : "",
        timeout,
        memorySize,
        environment,
        environmentSet: input.Environment !== undefined && input.Environment !== null,
        logging: mergeLogging(undefined, input.LoggingConfig),
        snapStartApplyOn,
        code,
        tags: { ...((input.Tags as Record<string, string> | undefined) ?? {}) },
        vpc: vpc?.SubnetIds?.length
          ? { subnetIds: vpc.SubnetIds, securityGroupIds: vpc.SecurityGroupIds ?? [] }
          : undefined,
        lastModified: ctx.now,
        revisionId: newRevisionId(),
        fromWire: true,
      };
      deps.store.put(fn);
      return restResult({ status: 201, body: functionConfiguration(fn, "create") });
    },
  };
}
