/**
 * `redshift-data:<Action>` authorization. Actions on a warehouse (ExecuteStatement,
 * BatchExecuteStatement, ListDatabases, ListSchemas, ListTables, DescribeTable) are authorized on
 * the cluster ARN `arn:aws:redshift:<region>:<account>:cluster:<id>` (or the workgroup ARN) built in
 * the caller's account; statement actions (DescribeStatement, GetStatementResult, CancelStatement,
 * ListStatements) have no resource type, so they match only `"Resource": "*"` and AWS's text names
 * no resource. DescribeStatement/GetStatementResult/CancelStatement carry the
 * `redshift-data:statement-owner-iam-userid` condition key (docs/failures.md L4-03, L4-04).
 * A statement run in a session (ExecuteStatement/BatchExecuteStatement with SessionId) carries
 * `redshift-data:session-owner-iam-userid`, the aws:userid of whoever opened the session: that key
 * is how a policy keeps a session to its owner (the API itself lets the account's principals use it).
 * GetStatementResultV2 is authorized as `redshift-data:GetStatementResult` ("The IAM action
 * redshift-data:GetStatementResult allows access to both GetStatementResult and
 * GetStatementResultV2", data-api-iam).
 * ListSessions is authorized as `redshift-data:ListSessions` on `*` [I].
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html
 */
import { denyMessage } from "../../policy/index.ts";
import type { OperationContext } from "../core/types.ts";
import { dataAccessDenied } from "./data-api-errors.ts";

const ACTION_OF: Record<string, string> = { GetStatementResultV2: "GetStatementResult" };

const actionOf = (operation: string) => `redshift-data:${ACTION_OF[operation] ?? operation}`;

export function authorizeOnWarehouse(
  ctx: OperationContext,
  resource: string,
  account: string,
  sessionOwnerUserId?: string,
): void {
  const action = actionOf(ctx.operation);
  const context = sessionOwnerUserId ? { "redshift-data:session-owner-iam-userid": sessionOwnerUserId } : {};
  const result = ctx.check({ action, resource, resourceAccount: account, context });
  if (result.decision !== "Allow") {
    throw dataAccessDenied(denyMessage(result, { callerArn: ctx.caller.arn, action, resource }));
  }
}

export function authorizeOnStatement(ctx: OperationContext, ownerUserId?: string): void {
  const action = actionOf(ctx.operation);
  const result = ctx.check({
    action,
    resource: "*",
    context: ownerUserId ? { "redshift-data:statement-owner-iam-userid": ownerUserId } : {},
  });
  if (result.decision !== "Allow") {
    const text = denyMessage(result, { callerArn: ctx.caller.arn, action, resource: "*" });
    throw dataAccessDenied(text.replace(" on resource: *", ""));
  }
}
