/**
 * The Redshift Data API's errors (awsJson1_1): code, HTTP status and AWS's text.
 * - ValidationException 400; "Redshift endpoint doesn't exist in this region." (docs/failures.md L4-01),
 *   "Either ClusterIdentifier or WorkgroupName needs to be specified." (L4-02), the id pattern text
 *   (L4-11), parameter texts (L4-08), and the implicit credential denial (L3-01).
 * - AccessDeniedException 403 for `redshift-data:*` denials (L4-03; unmodeled in the SDK).
 * - ResourceNotFoundException: "Query does not have result. …" (L4-10) and "Query does not exist."
 *   (L4-11), both HTTP 400 as measured live (ballerina tests), although the SDK model says 404.
 * - ThrottlingException 400 "Rate exceeded" (L4-12, catalog 0.3) and
 *   ActiveStatementsExceededException 400.
 * - Sessions: a closed (expired) session is "Session is not available" and an unknown one
 *   "Session with Id: <id> is invalid", both ValidationException (awslabs/mcp#4587, checked against
 *   a provisioned cluster there); the other session texts are inferred, marked below.
 *   Where the id sits in "Session with Id: <id> is invalid" is inferred [I].
 * https://docs.aws.amazon.com/redshift-data/latest/APIReference/CommonErrors.html
 *
 * Known gaps: the class behind "Query does not exist." and the texts marked [I] below are inferred.
 */
import { AwsError } from "../core/errors.ts";

export const ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d+)?$/;

export const validation = (message: string) => new AwsError("ValidationException", message, { status: 400 });

/** A result read with the other format's operation; the Data API's text is not recorded [I]. */
export const wrongResultFormat = (format: "JSON" | "CSV", operation: string) =>
  validation(`The statement's ResultFormat is ${format}: use ${operation} to fetch its result.`);

export const dataAccessDenied = (message: string) =>
  new AwsError("AccessDeniedException", message, { status: 403 });

export const endpointNotFound = () => validation("Redshift endpoint doesn't exist in this region.");

export const missingWarehouse = () =>
  validation("Either ClusterIdentifier or WorkgroupName needs to be specified.");

/** [I] */
export const conflictingWarehouses = () =>
  validation("ClusterIdentifier and WorkgroupName cannot be specified together.");

/** [I] */
export const conflictingCredentials = () => validation("SecretArn and DbUser cannot be specified together.");

export const badStatementId = () => validation(`id must satisfy regex pattern: ${ID_PATTERN.source}`);

export const queryNotFound = (id: string) =>
  new AwsError("ResourceNotFoundException", "Query does not exist.", {
    status: 400,
    fields: { ResourceId: id },
  });

export const noResult = (id: string) =>
  new AwsError(
    "ResourceNotFoundException",
    "Query does not have result. Please check query status with DescribeStatement.",
    { status: 400, fields: { ResourceId: id } },
  );

export const throttled = () => new AwsError("ThrottlingException", "Rate exceeded", { status: 400 });

export const activeStatementsExceeded = () =>
  new AwsError("ActiveStatementsExceededException", "The number of active statements exceeds the limit.", {
    status: 400,
  });

/** [I] */
export const cannotCancel = (status: string) =>
  validation(`Could not cancel a query that is already in ${status} state.`);

/** [I] by analogy with the statement id's text (L4-11) */
export const badSessionId = () => validation(`sessionId must satisfy regex pattern: ${ID_PATTERN.source}`);

export const sessionInvalid = (id: string) => validation(`Session with Id: ${id} is invalid`);

export const sessionNotAvailable = () => validation("Session is not available");

/** [I] */
export const sessionBusy = () => validation("Session is busy running another statement.");

/** [I] */
export const sessionWithTarget = (given: string[]) =>
  validation(`SessionId cannot be specified with ${given.join(", ")}.`);

/** [I] Coral's range wording on the model's SessionAliveSeconds (0..86400) */
export const badKeepAlive = (value: unknown, bound: "less" | "greater") =>
  validation(
    `1 validation error detected: Value '${String(value)}' at 'sessionKeepAliveSeconds' failed to satisfy constraint: Member must have value ${bound} than or equal to ${bound === "less" ? 86400 : 0}`,
  );

/** [I] the exception's documentation in the SDK model, as its message */
export const activeSessionsExceeded = () =>
  new AwsError(
    "ActiveSessionsExceededException",
    "The Amazon Redshift Data API operation failed because the maximum number of active sessions exceeded.",
    { status: 400 },
  );

/** [I] */
export const sessionNotFound = (id: string, message = "Session does not exist.") =>
  new AwsError("ResourceNotFoundException", message, { status: 400, fields: { ResourceId: id } });

/** [I] */
export const sessionFilterConflict = () =>
  validation("SessionId cannot be specified with Status, ClusterIdentifier, WorkgroupName or Database.");
