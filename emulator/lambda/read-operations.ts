/**
 * GetFunction, GetFunctionConfiguration, ListFunctions and DeleteFunction.
 * ListFunctions pages with `MaxItems` (default 50, 1–10000) and an opaque `Marker`/`NextMarker`.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html
 *
 * Known gaps: GetFunction's `Code.Location` is a placeholder URL (no presigned package download);
 * ListFunctions ignores MasterRegion and FunctionVersion=ALL (only $LATEST exists).
 */
import type { OperationDef } from "../core/types.ts";
import { restResult } from "../protocols/rest-result.ts";
import { authorizeOn, type LambdaDeps, refOf, requireFunction } from "./lambda-deps.ts";
import { invalidParameter, validationError } from "./lambda-errors.ts";
import { functionConfiguration } from "./lambda-function.ts";

export function getFunctionOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "GET", path: "/2015-03-31/functions/{FunctionName}" },
    authorize: (ctx) => authorizeOn("lambda:GetFunction", refOf(ctx, ctx.input.Qualifier)),
    handler: (ctx) => {
      const fn = requireFunction(deps, refOf(ctx, ctx.input.Qualifier));
      return {
        Configuration: functionConfiguration(fn),
        Code: {
          RepositoryType: "S3",
          Location: `https://awslambda-${fn.region}-tasks.s3.${fn.region}.amazonaws.com/snapshots/${fn.account}/${fn.name}-${fn.revisionId}`,
        },
        ...(Object.keys(fn.tags).length > 0 ? { Tags: fn.tags } : {}),
      };
    },
  };
}

export function getFunctionConfigurationOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "GET", path: "/2015-03-31/functions/{FunctionName}/configuration" },
    authorize: (ctx) => authorizeOn("lambda:GetFunctionConfiguration", refOf(ctx, ctx.input.Qualifier)),
    handler: (ctx) => functionConfiguration(requireFunction(deps, refOf(ctx, ctx.input.Qualifier))),
  };
}

export function deleteFunctionOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "DELETE", path: "/2015-03-31/functions/{FunctionName}", successCode: 204 },
    authorize: (ctx) => authorizeOn("lambda:DeleteFunction", refOf(ctx, ctx.input.Qualifier)),
    handler: (ctx) => {
      const ref = refOf(ctx, ctx.input.Qualifier);
      if (ref.qualifier === "$LATEST") {
        throw invalidParameter("$LATEST version cannot be deleted without deleting the function.");
      }
      // Lambda names the unqualified function when it is missing, and deleting a version that does
      // not exist of a function that does succeeds (recorded, test/parity).
      const fn = requireFunction(deps, { ...ref, qualifier: undefined });
      if (ref.qualifier !== undefined && ref.qualifier !== "$LATEST") return restResult({ status: 204 });
      deps.store.delete(fn);
      deps.runtime.pool.retire(fn.arn);
      return restResult({ status: 204 });
    },
  };
}

function decodeMarker(marker: unknown): string | undefined {
  if (marker === undefined || marker === "") return undefined;
  const name = Buffer.from(String(marker), "base64url").toString("utf8");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw invalidParameter("Invalid Marker: the marker is not valid");
  return name;
}

export function listFunctionsOperation(deps: LambdaDeps): OperationDef {
  return {
    http: { method: "GET", path: "/2015-03-31/functions" },
    authorize: () => ({ action: "lambda:ListFunctions", resource: "*" }),
    handler: (ctx) => {
      const maxItems = ctx.input.MaxItems === undefined ? 50 : Number(ctx.input.MaxItems);
      if (!(maxItems >= 1)) {
        throw validationError(
          "maxItems",
          ctx.input.MaxItems,
          "Member must have value greater than or equal to 1",
        );
      }
      if (maxItems > 10000) {
        throw validationError(
          "maxItems",
          ctx.input.MaxItems,
          "Member must have value less than or equal to 10000",
        );
      }
      const after = decodeMarker(ctx.input.Marker);
      const all = deps.store.list(ctx.caller.account, ctx.region).filter((fn) => !after || fn.name > after);
      const page = all.slice(0, maxItems);
      const more = all.length > page.length;
      return {
        Functions: page.map((fn) => functionConfiguration(fn)),
        ...(more ? { NextMarker: Buffer.from(page[page.length - 1]!.name).toString("base64url") } : {}),
      };
    },
  };
}
