/**
 * `redshift-data:<Action>` authorization. Actions on a warehouse (ExecuteStatement,
 * BatchExecuteStatement, ListDatabases, ListSchemas, ListTables, DescribeTable) are authorized on
 * the cluster ARN `arn:aws:redshift:<region>:<account>:cluster:<id>` (or the workgroup ARN) built in
 * the caller's account; statement actions (DescribeStatement, GetStatementResult, CancelStatement,
 * ListStatements) have no resource type, so they match only `"Resource": "*"` and AWS's text names
 * no resource. DescribeStatement/GetStatementResult/CancelStatement carry the
 * `redshift-data:statement-owner-iam-userid` condition key (docs/failures.md L4-03, L4-04).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html
 */
import { denyMessage } from "../../policy/index.ts";
import type { OperationContext } from "../core/types.ts";
import { dataAccessDenied } from "./data-api-errors.ts";

export function authorizeOnWarehouse(ctx: OperationContext, resource: string, account: string): void {
  const action = `redshift-data:${ctx.operation}`;
  const result = ctx.check({ action, resource, resourceAccount: account });
  if (result.decision !== "Allow") {
    throw dataAccessDenied(denyMessage(result, { callerArn: ctx.caller.arn, action, resource }));
  }
}

export function authorizeOnStatement(ctx: OperationContext, ownerUserId?: string): void {
  const action = `redshift-data:${ctx.operation}`;
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
