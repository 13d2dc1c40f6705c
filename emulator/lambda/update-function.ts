/**
 * UpdateFunctionCode (PUT …/code) and UpdateFunctionConfiguration (PUT …/configuration). A new role
 * is validated as at creation (iam:PassRole, trust of lambda.amazonaws.com); a `RevisionId` that is
 * not the current one is refused with 412 as Lambda does. Each update gets a new revision id, which
 * retires the function's warm execution environments.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 *
 * Known gaps: Publish, DryRun (UpdateFunctionCode), Architectures, layers, DLQ, KMS are ignored.
 */

import { AwsError } from "../core/errors.ts";
import type { OperationContext, OperationDef } from "../core/types.ts";
import { authorizePassRole, packageFrom } from "./create-function.ts";
import { lambdaMayAssume } from "./execution-role.ts";
import { discardCode } from "./function-code.ts";
import {
  checkEnvironment,
  checkHandler,
  checkMemorySize,
  checkRole,
  checkRuntime,
  checkTimeout,
} from "./function-input.ts";
import { authorizeOn, type LambdaDeps, refOf, requireFunction } from "./lambda-deps.ts";
import { roleNotAssumable } from "./lambda-errors.ts";
import { functionConfiguration, type LambdaFunction, newRevisionId } from "./lambda-function.ts";
import { checkSnapStart, mergeLogging } from "./logging-snapstart.ts";

function checkRevision(fn: LambdaFunction, revisionId: unknown): void {
  if (revisionId !== undefined && revisionId !== fn.revisionId) {
    throw new AwsError(
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      { status: 412 },
    );
  }
}

function committed(deps: LambdaDeps, ctx: OperationContext, fn: LambdaFunction) {
  fn.lastModified = ctx.now;
  fn.revisionId = newRevisionId();
  deps.runtime.pool.retire(fn.arn, fn.revisionId);
  return functionConfiguration(fn, "update");
}

export function updateFunctionCodeOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "PUT", path: "/2015-03-31/functions/{FunctionName}/code" },
    authorize: (ctx) => authorizeOn("lambda:UpdateFunctionCode", refOf(ctx)),
    handler: (ctx) => {
      const fn = requireFunction(deps, refOf(ctx));
      checkRevision(fn, ctx.input.RevisionId);
      const code = packageFrom(ctx.input, "UpdateFunctionCode");
      discardCode(fn.code);
      fn.code = code;
      fn.fromWire = true;
      return committed(deps, ctx, fn);
    },
  };
}

export function updateFunctionConfigurationOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "PUT", path: "/2015-03-31/functions/{FunctionName}/configuration" },
    authorize: (ctx) => authorizeOn("lambda:UpdateFunctionConfiguration", refOf(ctx)),
    handler: (ctx) => {
      const input = ctx.input;
      const fn = requireFunction(deps, refOf(ctx));
      const role = input.Role === undefined ? undefined : checkRole(input.Role);
      const runtime = checkRuntime(input.Runtime);
      const handler = checkHandler(input.Handler);
      const timeout = checkTimeout(input.Timeout);
      const memorySize = checkMemorySize(input.MemorySize);
      const environment = checkEnvironment(input.Environment);
      const snapStartApplyOn = checkSnapStart(input.SnapStart);
      checkRevision(fn, input.RevisionId);
      if (role !== undefined && role !== fn.role) {
        authorizePassRole(ctx, role);
        if (!lambdaMayAssume(deps.world, role, fn.account, fn.arn)) throw roleNotAssumable();
      }
      if (runtime !== undefined || handler !== undefined || environment !== undefined) fn.fromWire = true;
      if (role !== undefined) fn.role = role;
      if (runtime !== undefined) fn.runtime = runtime;
      if (handler !== undefined) fn.handler = handler;
      if (timeout !== undefined) fn.timeout = timeout;
      if (memorySize !== undefined) fn.memorySize = memorySize;
      if (environment !== undefined) {
        fn.environment = environment;
        fn.environmentSet = true;
      }
      if (typeof input.Description === "string") fn.description = input.Description;
      fn.logging = mergeLogging(fn.logging, input.LoggingConfig);
      if (snapStartApplyOn !== undefined) fn.snapStartApplyOn = snapStartApplyOn;
      return committed(deps, ctx, fn);
    },
  };
}
