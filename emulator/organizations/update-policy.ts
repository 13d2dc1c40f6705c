/**
 * UpdatePolicy for SCPs, as the organization's management account: a new name, description or
 * content (validated by the policy engine as an SCP). The world's SCPs are the setup's, so the
 * change applies to the next request: what `aws organizations update-policy` does for a fix.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_UpdatePolicy.html
 *
 * Errors: AWSOrganizationsNotInUseException, AccessDeniedException for a member account,
 * PolicyNotFoundException, InvalidInputException IMMUTABLE_POLICY for AWS's FullAWSAccess, and
 * MalformedPolicyDocumentException for content that is not a valid SCP; the texts of the last two
 * are the API reference's descriptions, no transcript found [I].
 *
 * Known gaps: other policy types; the 5,120-character SCP size limit.
 */
import { PolicyValidationError, parsePolicy } from "../../policy/index.ts";
import { AwsError } from "../core/errors.ts";
import type { OperationContext } from "../core/types.ts";
import { FULL_AWS_ACCESS_ARN, scpArn } from "../world/organizations.ts";
import type { World } from "../world/world.ts";
import { describePolicy } from "./organization-reads.ts";
import { invalidInput, notInUse, organizationsAccessDenied, policyNotFound } from "./organizations-errors.ts";

export function updatePolicy(world: World, ctx: OperationContext) {
  const org = world.organizations.orgOf(ctx.caller.account);
  if (!org) throw notInUse();
  const id = ctx.input.PolicyId;
  if (typeof id !== "string" || id === "")
    throw invalidInput("INPUT_REQUIRED", "You must specify a value for PolicyId.");
  const full = id === "p-FullAWSAccess";
  ctx.authorize({
    action: "organizations:UpdatePolicy",
    resource: full ? FULL_AWS_ACCESS_ARN : scpArn(org, id),
  });
  if (org.managementAccount !== ctx.caller.account) throw organizationsAccessDenied();
  if (full)
    throw invalidInput(
      "IMMUTABLE_POLICY",
      "You specified a policy that is managed by AWS and can't be modified.",
    );
  const scp = org.scps.find((s) => s.id === id);
  if (!scp) throw policyNotFound();
  const { Name, Description, Content } = ctx.input;
  if (typeof Content === "string") {
    try {
      parsePolicy(Content, "scp");
    } catch (error) {
      if (!(error instanceof PolicyValidationError)) throw error;
      throw new AwsError(
        "MalformedPolicyDocumentException",
        "The provided policy document doesn't meet the requirements of the specified policy type.",
      );
    }
    scp.document = JSON.parse(Content);
  }
  if (typeof Name === "string" && Name) scp.name = Name;
  if (typeof Description === "string") scp.description = Description;
  return describePolicy(world, { ...ctx, input: { PolicyId: id }, authorize: () => undefined });
}
