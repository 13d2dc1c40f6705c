/**
 * Lambda (restJson1, signing name `lambda`, API version path /2015-03-31). Functions are kept per
 * account and region; the caller's account and the request's region apply unless FunctionName is an
 * ARN. Authorization: `lambda:<Action>` on the function ARN (ListFunctions on `*`), plus
 * `iam:PassRole` on the execution role for CreateFunction / UpdateFunctionConfiguration.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html
 *
 * Operations: CreateFunction, GetFunction, GetFunctionConfiguration, UpdateFunctionCode,
 * UpdateFunctionConfiguration, DeleteFunction, ListFunctions, Invoke. See the operation modules for
 * their known gaps; versions, aliases, layers, permissions (AddPermission), event source mappings,
 * function URLs and concurrency settings are not implemented.
 */
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { createFunctionOperation } from "./create-function.ts";
import type { FunctionStore } from "./function-store.ts";
import { invokeOperation, prewarmFunction } from "./invoke-operation.ts";
import type { LambdaDeps } from "./lambda-deps.ts";
import type { LambdaRuntime } from "./lambda-runtime.ts";
import {
  deleteFunctionOperation,
  getFunctionConfigurationOperation,
  getFunctionOperation,
  listFunctionsOperation,
} from "./read-operations.ts";
import { updateFunctionCodeOperation, updateFunctionConfigurationOperation } from "./update-function.ts";

export { FunctionStore } from "./function-store.ts";
export { LambdaRuntime, type LambdaRuntimeOptions } from "./lambda-runtime.ts";

/** The Lambda service of `world`, on the functions and runtime emulator/assemble.ts made for it. */
export function createLambdaService(
  world: World,
  collaborators: { functions: FunctionStore; runtime: LambdaRuntime },
): ServiceDefinition {
  const deps: LambdaDeps = { world, store: collaborators.functions, runtime: collaborators.runtime };
  collaborators.runtime.setWarmer((account, region, name) => {
    const fn = deps.store.get(account, region, name);
    if (fn) prewarmFunction(deps, fn);
  });
  return {
    signingName: "lambda",
    protocol: "restJson1",
    accessDenied: (message) => new AwsError("AccessDeniedException", message, { status: 403 }),
    operations: {
      CreateFunction: createFunctionOperation(deps),
      GetFunction: getFunctionOperation(deps),
      GetFunctionConfiguration: getFunctionConfigurationOperation(deps),
      UpdateFunctionCode: updateFunctionCodeOperation(deps),
      UpdateFunctionConfiguration: updateFunctionConfigurationOperation(deps),
      DeleteFunction: deleteFunctionOperation(deps),
      ListFunctions: listFunctionsOperation(deps),
      Invoke: invokeOperation(deps),
    },
  };
}
