/**
 * The `FunctionName` member: a name (`my-function`), a name with a qualifier (`my-function:$LATEST`),
 * a partial ARN (`123456789012:function:my-function`) or a full ARN
 * (`arn:aws:lambda:us-west-2:123456789012:function:my-function[:qualifier]`).
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html#API_GetFunction_RequestSyntax
 */
import { checkFunctionName } from "./function-input.ts";

export interface FunctionRef {
  name: string;
  account: string;
  region: string;
  qualifier?: string;
}

export function parseFunctionRef(
  value: unknown,
  defaults: { account: string; region: string },
  qualifier?: unknown,
): FunctionRef {
  const text = checkFunctionName(typeof value === "string" ? safeDecode(value) : value);
  const m =
    /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/.exec(
      text,
    );
  const name = m?.[3] ?? text;
  return {
    name,
    region: m?.[1] ?? defaults.region,
    account: m?.[2] ?? defaults.account,
    qualifier: typeof qualifier === "string" && qualifier ? qualifier : m?.[4],
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
