/**
 * Validation of CreateFunction / UpdateFunctionConfiguration members, in the order and wording
 * Lambda uses: Smithy constraint violations first (ValidationException), then Lambda's own checks
 * (InvalidParameterValueException: deprecated runtime, missing Runtime/Handler, reserved keys).
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (deprecation dates)
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 *
 * Known gaps: the runtime lists are a snapshot (late 2026); KMS
 * keys, layers, dead-letter and image configs are not checked.
 */
import {
  environmentTooLarge,
  invalidParameter,
  reservedEnvironmentKeys,
  validationError,
} from "./lambda-errors.ts";

const FUNCTION_NAME_PATTERN =
  "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
const ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
const HANDLER_PATTERN = "[^\\s]+";

/** Runtimes that can still be created or updated to. Only `nodejs*` ones can be invoked here. */
const ACTIVE_RUNTIMES = [
  "nodejs18.x",
  "nodejs20.x",
  "nodejs22.x",
  "nodejs24.x",
  "python3.9",
  "python3.10",
  "python3.11",
  "python3.12",
  "python3.13",
  "python3.14",
  "java8.al2",
  "java11",
  "java17",
  "java21",
  "java25",
  "dotnet8",
  "dotnet10",
  "ruby3.2",
  "ruby3.3",
  "ruby3.4",
  "provided.al2",
  "provided.al2023",
];
/** In the API's enum, but blocked for create/update after deprecation. */
const BLOCKED_RUNTIMES = [
  "nodejs",
  "nodejs4.3",
  "nodejs4.3-edge",
  "nodejs6.10",
  "nodejs8.10",
  "nodejs10.x",
  "nodejs12.x",
  "nodejs14.x",
  "nodejs16.x",
  "java8",
  "python2.7",
  "python3.6",
  "python3.7",
  "python3.8",
  "dotnetcore1.0",
  "dotnetcore2.0",
  "dotnetcore2.1",
  "dotnetcore3.1",
  "dotnet6",
  "go1.x",
  "ruby2.5",
  "ruby2.7",
  "provided",
];
const NEWEST_NODE = "nodejs24.x";
const AWS_RUNTIME_ENUM =
  "nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2";
const OLD_NODE = [
  "nodejs",
  "nodejs4.3",
  "nodejs4.3-edge",
  "nodejs6.10",
  "nodejs8.10",
  "nodejs10.x",
  "nodejs12.x",
  "nodejs14.x",
];

/** Keys Lambda sets itself; a function may not define them. */
const RESERVED_KEYS = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

export function isNodeRuntime(runtime: string): boolean {
  return runtime.startsWith("nodejs");
}

export function checkFunctionName(value: unknown, member = "functionName"): string {
  if (typeof value !== "string") throw validationError(member, value, "Member must not be null");
  if (value.length < 1 || value.length > 140) {
    throw validationError(member, value, "Member must have length less than or equal to 140");
  }
  if (!new RegExp(`^${FUNCTION_NAME_PATTERN}$`).test(value)) {
    throw validationError(
      member,
      value,
      `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`,
    );
  }
  return value;
}

export function checkRole(value: unknown): string {
  if (typeof value !== "string") throw validationError("role", value, "Member must not be null");
  if (!new RegExp(`^${ROLE_PATTERN}$`).test(value)) {
    throw validationError("role", value, `Member must satisfy regular expression pattern: ${ROLE_PATTERN}`);
  }
  return value;
}

/** At most one architecture, x86_64 or arm64 (recorded texts, test/parity). */
export function checkArchitectures(value: unknown): void {
  if (!Array.isArray(value)) return;
  const shown = `[${value.join(", ")}]`;
  if (value.length > 1) {
    throw validationError("architectures", shown, "Member must have length less than or equal to 1");
  }
  if (value.some((a) => a !== "x86_64" && a !== "arm64")) {
    throw validationError(
      "architectures",
      shown,
      "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]",
    );
  }
}

export function checkRuntime(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const runtime = String(value);
  if (BLOCKED_RUNTIMES.includes(runtime)) {
    // AWS names the newest Node.js only for the recently deprecated ones [I]; nodejs12.x and
    // nodejs14.x get the general advice (recorded, test/parity).
    const recent = isNodeRuntime(runtime) && !OLD_NODE.includes(runtime);
    const advice = recent ? `the new runtime (${NEWEST_NODE})` : "a supported runtime";
    throw invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. ` +
        `We recommend you use ${advice} while creating or updating functions.`,
    );
  }
  if (!ACTIVE_RUNTIMES.includes(runtime)) {
    // AWS's text and its list of runtimes as recorded (test/parity), in AWS's own order.
    throw invalidParameter(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${AWS_RUNTIME_ENUM}] or be a valid ARN`,
    );
  }
  return runtime;
}

export function checkHandler(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const handler = String(value);
  if (handler.length > 128) {
    throw validationError("handler", handler, "Member must have length less than or equal to 128");
  }
  if (!new RegExp(`^${HANDLER_PATTERN}$`).test(handler)) {
    throw validationError(
      "handler",
      handler,
      `Member must satisfy regular expression pattern: ${HANDLER_PATTERN}`,
    );
  }
  return handler;
}

function checkRange(member: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (n < min) throw validationError(member, value, `Member must have value greater than or equal to ${min}`);
  if (n > max) throw validationError(member, value, `Member must have value less than or equal to ${max}`);
  return n;
}

export const checkTimeout = (value: unknown) => checkRange("timeout", value, 1, 900);
export const checkMemorySize = (value: unknown) => checkRange("memorySize", value, 128, 10240);

/** `Environment: { Variables }` → the variables, refusing the keys Lambda reserves. */
export function checkEnvironment(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const variables = ((value as { Variables?: Record<string, unknown> }).Variables ?? {}) as Record<
    string,
    unknown
  >;
  const reserved = Object.keys(variables).filter((k) => RESERVED_KEYS.has(k));
  if (reserved.length > 0) throw reservedEnvironmentKeys(reserved);
  const environment = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
  const measured = JSON.stringify(environment);
  if (Buffer.byteLength(measured) > 4096) throw environmentTooLarge(measured);
  return environment;
}

/** A Zip-package function needs both; Lambda checks this after the constraint validation. */
export function requireRuntimeAndHandler(runtime: string | undefined, handler: string | undefined): void {
  if (!runtime || (!handler && !runtime.startsWith("provided"))) {
    throw invalidParameter(
      "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
    );
  }
}
