/**
 * The `FunctionName` member: a name (`my-function`), a name with a qualifier (`my-function:$LATEST`),
 * a partial ARN (`123456789012:function:my-function`) or a full ARN
 * (`arn:aws:lambda:us-west-2:123456789012:function:my-function[:qualifier]`), plus the `Qualifier`
 * member, checked as Lambda does (recorded AWS answers, test/parity): every constraint violation of
 * both members in one ValidationException; CreateFunction's stricter pattern and 140-character
 * limit, the reading operations' pattern (dots, `$LATEST.PUBLISHED`) without a length error; a
 * qualifier in the name that differs from `Qualifier` (InvalidParameterValueException); an ARN of
 * another region (ResourceNotFoundException, "not reachable in this region").
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html#API_GetFunction_RequestSyntax
 *
 * Known gaps: which pattern the Update* operations and GetFunctionConfiguration use is inferred
 * [I] (create's for Update*, the reading one for GetFunctionConfiguration).
 */
import { AwsError } from "../core/errors.ts";
import { invalidParameter, validationErrors } from "./lambda-errors.ts";

export interface FunctionRef {
  name: string;
  account: string;
  region: string;
  qualifier?: string;
}

const REGION = "((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?";
export const CREATE_NAME_PATTERN = `(arn:(aws[a-zA-Z-]*)?:lambda:)?${REGION}(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`;
const READ_NAME_PATTERN = `(arn:(aws[a-zA-Z-]*)?:lambda:)?${REGION}(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?`;
const QUALIFIER_PATTERN = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";
const PARTS =
  /^(?:arn:aws[a-zA-Z-]*:lambda:((?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9._-]+)(?::(\$LATEST(?:\.PUBLISHED)?|[a-zA-Z0-9_-]+))?$/;

const writes = (operation: string) => operation === "CreateFunction" || operation.startsWith("Update");

export function parseFunctionRef(
  value: unknown,
  defaults: { account: string; region: string },
  qualifier?: unknown,
  operation = "GetFunction",
): FunctionRef {
  const violations: [member: string, value: unknown, constraint: string][] = [];
  const text = typeof value === "string" ? safeDecode(value) : value;
  if (typeof text !== "string") violations.push(["functionName", text, "Member must not be null"]);
  else {
    const pattern = writes(operation) ? CREATE_NAME_PATTERN : READ_NAME_PATTERN;
    if (writes(operation) && text.length > 140) {
      violations.push(["functionName", text, "Member must have length less than or equal to 140"]);
    }
    if (!new RegExp(`^(?:${pattern})$`).test(text)) {
      violations.push(["functionName", text, `Member must satisfy regular expression pattern: ${pattern}`]);
    }
  }
  const wanted = typeof qualifier === "string" && qualifier ? qualifier : undefined;
  if (wanted !== undefined && wanted.length > 128) {
    violations.push(["qualifier", wanted, "Member must have length less than or equal to 128"]);
  } else if (wanted !== undefined && !new RegExp(`^(?:${QUALIFIER_PATTERN})$`).test(wanted)) {
    violations.push([
      "qualifier",
      wanted,
      `Member must satisfy regular expression pattern: ${QUALIFIER_PATTERN}`,
    ]);
  }
  if (violations.length) throw validationErrors(violations);

  const m = PARTS.exec(text as string);
  const name = m?.[3] ?? (text as string);
  if (writes(operation) && name.length > 64) {
    // [I] the text before "Value" is not recorded; the constraint part is.
    throw new AwsError(
      "InvalidParameterValueException",
      `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      { status: 400 },
    );
  }
  const derived = m?.[4];
  if (wanted !== undefined && derived !== undefined && wanted !== derived) {
    throw invalidParameter(
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
  }
  const region = m?.[1] ?? defaults.region;
  if (region !== defaults.region) {
    throw new AwsError(
      "ResourceNotFoundException",
      `Functions from '${region}' are not reachable in this region ('${defaults.region}')`,
      { status: 404 },
    );
  }
  return { name, region, account: m?.[2] ?? defaults.account, qualifier: wanted ?? derived };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
