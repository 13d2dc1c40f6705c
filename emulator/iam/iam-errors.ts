/**
 * IAM's error codes, statuses and wording (awsQuery `<ErrorResponse><Error><Type>Sender</Type>…`).
 * Texts as returned by IAM and quoted in public issue threads and the failure catalog.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
 */
import { AwsError } from "../core/errors.ts";

export const noSuchRole = (name: string) =>
  new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, { status: 404 });

export const noSuchUser = (name: string) =>
  new AwsError("NoSuchEntity", `The user with name ${name} cannot be found.`, { status: 404 });

export const noSuchRolePolicy = (name: string) =>
  new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, { status: 404 });

export const policyNotAttachable = (arn: string) =>
  new AwsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, { status: 404 });

export const policyNotFound = (arn: string) =>
  new AwsError("NoSuchEntity", `Policy ${arn} was not found.`, { status: 404 });

export const policyVersionNotFound = (arn: string, version: string) =>
  new AwsError("NoSuchEntity", `Policy ${arn} version ${version} does not exist or is not attachable.`, {
    status: 404,
  });

export const roleExists = (name: string) =>
  new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, { status: 409 });

export const userExists = (name: string) =>
  new AwsError("EntityAlreadyExists", `User with name ${name} already exists.`, { status: 409 });

export const policyExists = (name: string) =>
  new AwsError(
    "EntityAlreadyExists",
    `A policy called ${name} already exists. Duplicate names are not allowed.`,
    {
      status: 409,
    },
  );

/** AWS's text for a PolicyArn that is not an ARN at all (recorded, test/parity). */
export const unparsableArn = () =>
  new AwsError("ValidationError", "Invalid ARN:  Could not be parsed!", { status: 400 });

export const malformedPolicy = (message: string) =>
  new AwsError("MalformedPolicyDocument", message, { status: 400 });

export const limitExceeded = (message: string) => new AwsError("LimitExceeded", message, { status: 409 });

export const deleteConflict = (message: string) => new AwsError("DeleteConflict", message, { status: 409 });

export const invalidInput = (message: string) => new AwsError("InvalidInput", message, { status: 400 });
