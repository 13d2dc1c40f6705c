/**
 * AWS Organizations errors (awsJson1_1, status 400).
 *
 * - AWSOrganizationsNotInUseException "Your account is not a member of an organization." — the
 *   caller's account belongs to no organization.
 * - AccessDeniedException "You don't have permissions to access this resource." — a member
 *   account calling an operation only the management account (or a delegated administrator) may
 *   call; an IAM denial carries IAM's "User: … is not authorized to perform: …" text instead.
 * - InvalidInputException with `Reason` for a bad NextToken or MaxResults; the texts are inferred [I].
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 */
import { AwsError } from "../core/errors.ts";

export function notInUse(): AwsError {
  return new AwsError(
    "AWSOrganizationsNotInUseException",
    "Your account is not a member of an organization.",
  );
}

export function organizationsAccessDenied(
  message = "You don't have permissions to access this resource.",
): AwsError {
  return new AwsError("AccessDeniedException", message);
}

export function invalidInput(reason: string, message: string): AwsError {
  return new AwsError("InvalidInputException", message, { fields: { Reason: reason } });
}

/** The exception descriptions of the Organizations API reference, used as the wire message. */
export function childNotFound(): AwsError {
  return new AwsError(
    "ChildNotFoundException",
    "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
  );
}

export function targetNotFound(): AwsError {
  return new AwsError(
    "TargetNotFoundException",
    "We can't find a root, OU, account, or policy with the TargetId that you specified.",
  );
}

export function policyNotFound(): AwsError {
  return new AwsError(
    "PolicyNotFoundException",
    "We can't find a policy with the PolicyId that you specified.",
  );
}
