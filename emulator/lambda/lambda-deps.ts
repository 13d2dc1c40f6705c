/** What every Lambda operation module shares: the world, the function store and the runtime. */
import type { OperationContext } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { type FunctionRef, parseFunctionRef } from "./function-ref.ts";
import type { FunctionStore } from "./function-store.ts";
import { functionNotFound } from "./lambda-errors.ts";
import { functionArnOf, type LambdaFunction } from "./lambda-function.ts";
import type { LambdaRuntime } from "./lambda-runtime.ts";

export interface LambdaDeps {
  world: World;
  store: FunctionStore;
  runtime: LambdaRuntime;
}

export function refOf(ctx: OperationContext, qualifier?: unknown): FunctionRef {
  return parseFunctionRef(
    ctx.input.FunctionName,
    { account: ctx.caller.account, region: ctx.region },
    qualifier,
    ctx.operation,
  );
}

/** The ARN IAM sees for a request on this function (qualified when the request names a qualifier). */
export function resourceArnOf(ref: FunctionRef): string {
  const arn = functionArnOf(ref.region, ref.account, ref.name);
  return ref.qualifier ? `${arn}:${ref.qualifier}` : arn;
}

/** The function, or Lambda's 404 naming the (qualified) ARN. Only `$LATEST` exists. */
export function requireFunction(deps: LambdaDeps, ref: FunctionRef): LambdaFunction {
  const fn = deps.store.get(ref.account, ref.region, ref.name);
  if (!fn || (ref.qualifier !== undefined && ref.qualifier !== "$LATEST")) {
    throw functionNotFound(resourceArnOf(ref));
  }
  return fn;
}

export function authorizeOn(action: string, ref: FunctionRef) {
  return { action, resource: resourceArnOf(ref), resourceAccount: ref.account };
}
