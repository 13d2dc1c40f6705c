/**
 * Who may get database credentials for a serverless workgroup: `redshift-serverless:GetCredentials`
 * on the workgroup ARN, with the workgroup's tags as `aws:ResourceTag/<key>` (the
 * AmazonRedshiftDataFullAccess managed policy only covers workgroups tagged `RedshiftDataFullAccess`,
 * docs/failures.md L3-08). The DB user is `IAMR:<role>` for a role session, `IAM:<user>` for a
 * user (redshift's `dbUserFor`, the same mapping as GetClusterCredentialsWithIAM).
 * https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-iam.html
 * https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html
 *
 * `authorizeServerlessCredentials` is the Data API's implicit step (WorkgroupName mode): a denial
 * is thrown as ServerlessCredentialsError, code ValidationException (400), carrying IAM's text —
 * the way the Data API surfaces a denied implicit credential call (measured for
 * GetClusterCredentialsWithIAM by awslabs/mcp; for GetCredentials the class is inferred [I],
 * docs/failures.md section 8).
 *
 * Known gaps: the account root maps to `IAM:root` (undocumented); the `dbName` is not authorized
 * separately (the service authorization reference lists only the workgroup resource).
 */
import { denyMessage } from "../../policy/index.ts";
import { AwsError } from "../core/errors.ts";
import type { Caller, Check } from "../core/types.ts";
import { dbUserFor } from "../redshift/index.ts";
import type { World } from "../world/world.ts";
import type { ServerlessWorkgroup } from "./serverless-store.ts";

export const GET_CREDENTIALS = "redshift-serverless:GetCredentials";

export class ServerlessCredentialsError extends AwsError {
  constructor(
    message: string,
    readonly action: string,
    readonly resource: string,
  ) {
    super("ValidationException", message, { status: 400 });
  }
}

/** IAM's denial text when the caller may not get credentials, else undefined. */
export function serverlessCredentialsDenial(
  check: Check,
  caller: Caller,
  workgroup: ServerlessWorkgroup,
): string | undefined {
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(workgroup.tags)) context[`aws:ResourceTag/${key}`] = value;
  const result = check({
    action: GET_CREDENTIALS,
    resource: workgroup.arn,
    resourceAccount: workgroup.account,
    context,
  });
  if (result.decision === "Allow") return undefined;
  return denyMessage(result, { callerArn: caller.arn, action: GET_CREDENTIALS, resource: workgroup.arn });
}

export interface ServerlessAuthorizeOptions {
  /** Request id for the decision log entry (GET /_chaincheck/decisions). */
  requestId?: string;
}

export function authorizeServerlessCredentials(
  world: World,
  caller: Caller,
  workgroup: ServerlessWorkgroup,
  _dbName: string | undefined,
  options: ServerlessAuthorizeOptions = {},
): { dbUser: string } {
  const check = world.checkFor(caller, { requestId: options.requestId ?? "implicit-serverless-credentials" });
  const denial = serverlessCredentialsDenial(check, caller, workgroup);
  if (denial) throw new ServerlessCredentialsError(denial, GET_CREDENTIALS, workgroup.arn);
  return { dbUser: dbUserFor(caller) };
}
