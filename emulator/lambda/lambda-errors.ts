/**
 * Lambda's error codes, statuses and wording (restJson1: `x-amzn-ErrorType` + `{"Type","Message"}`).
 * Texts as Lambda returns them, seen in public issue threads and the failure catalog (L1-01):
 * "Function not found: <arn>", "Function already exist: <name>" (Lambda's own grammar), the
 * execution-role text, the reserved-environment-keys text and the payload-parsing text.
 * https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
 */
import { AwsError } from "../core/errors.ts";

export const functionNotFound = (arn: string) =>
  new AwsError("ResourceNotFoundException", `Function not found: ${arn}`, { status: 404 });

export const functionExists = (name: string) =>
  new AwsError("ResourceConflictException", `Function already exist: ${name}`, { status: 409 });

export const invalidParameter = (message: string) =>
  new AwsError("InvalidParameterValueException", message, { status: 400 });

/** L1-01: the role's trust policy does not let lambda.amazonaws.com assume it (or it does not exist). */
export const roleNotAssumable = () =>
  invalidParameter("The role defined for the function cannot be assumed by Lambda.");

/** Smithy constraint violations, in the "1 validation error detected: …" form every AWS JSON service uses. */
/** Every violation in one ValidationException, as Smithy services report them: "2 validation errors detected: A; B". */
export function validationErrors(
  violations: [member: string, value: unknown, constraint: string][],
): AwsError {
  const parts = violations.map(([member, value, constraint]) => {
    const shown = value === null || value === undefined ? "null" : `'${String(value)}'`;
    return `Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
  });
  const count = parts.length === 1 ? "1 validation error" : `${parts.length} validation errors`;
  return new AwsError("ValidationException", `${count} detected: ${parts.join("; ")}`, { status: 400 });
}

export function validationError(member: string, value: unknown, constraint: string): AwsError {
  const shown = value === null || value === undefined ? "null" : `'${String(value)}'`;
  return new AwsError(
    "ValidationException",
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
    { status: 400 },
  );
}

export const invalidRequestContent = (detail: string) =>
  new AwsError(
    "InvalidRequestContentException",
    `Could not parse request body into json: Could not parse payload into json: ${detail}`,
    { status: 400 },
  );

/** A directly uploaded zip past the 50 MB quota (as AWS answered CreateFunction, test/parity). */
export const zippedTooLarge = (limit: number) =>
  new AwsError("RequestEntityTooLargeException", `Zipped size must be smaller than ${limit} bytes`, {
    status: 413,
  });

/** Invoke's synchronous payload limit (6 MB). https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const requestTooLarge = (limit: number) =>
  new AwsError(
    "RequestTooLargeException",
    `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    { status: 413 },
  );

/**
 * Invoke of a function whose code or configuration came over the wire, on an emulator listening
 * beyond loopback without `--allow-remote-code`. A 501 like every "this target cannot do that"
 * answer of the emulator, so the harness reports a target gap (exit 3), not a broken setup.
 */
export const wireCodeRefused = (name: string) =>
  new AwsError(
    "InternalFailure",
    `chaincheck emulator: function ${name} runs code sent over the network, and this emulator listens ` +
      "beyond loopback without --allow-remote-code (startEmulator({ allowRemoteCode: true })), so it does " +
      "not run it. Listen on 127.0.0.1, or allow remote code if every client on the network is trusted.",
    { status: 501 },
  );

/** The variables as JSON, measured in bytes, over 4 KB (recorded: TestLambdaSizeLimits). */
export const environmentTooLarge = (measured: string) =>
  invalidParameter(
    "Lambda was unable to configure your environment variables because the environment variables you have " +
      `provided exceeded the 4KB limit. String measured: ${measured}`,
  );

export const reservedEnvironmentKeys = (keys: string[]) =>
  invalidParameter(
    "Lambda was unable to configure your environment variables because the environment variables you have " +
      "provided contains reserved keys that are currently not supported for modification. " +
      `Reserved keys used in this request: ${keys.join(", ")}`,
  );
