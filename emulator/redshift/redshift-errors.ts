/**
 * Redshift (awsQuery) error codes, statuses and wording.
 * ClusterNotFoundFault: wire code `ClusterNotFound`, HTTP 404, `Cluster <id> not found.` (SDK model
 * `awsQueryError: ["ClusterNotFound", 404]`; docs/failures.md L3-04).
 * AccessDenied: HTTP 403 with IAM's text (docs/failures.md L2-12, L3-01); not modeled in the SDK,
 * so `err.name` is the wire code.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/CommonErrors.html
 *
 * Known gaps: the DurationSeconds text is inferred ([I]); AWS documents only the 900–3600 range.
 */
import { AwsError } from "../core/errors.ts";

export const redshiftAccessDenied = (message: string) =>
  new AwsError("AccessDenied", message, { status: 403 });

export const clusterNotFound = (id: string) =>
  new AwsError("ClusterNotFound", `Cluster ${id} not found.`, { status: 404 });

export const invalidParameterValue = (message: string) =>
  new AwsError("InvalidParameterValue", message, { status: 400 });

export const missingParameter = (name: string) =>
  new AwsError("MissingParameter", `The request must contain the parameter ${name}`, { status: 400 });
