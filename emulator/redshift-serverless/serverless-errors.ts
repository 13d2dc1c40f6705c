/**
 * Redshift Serverless errors (awsJson1_1).
 *
 * - ResourceNotFoundException "Serverless workgroup <name> not found." with status 400 — the
 *   service answers 400 although the Smithy model says 404 (aws/amazon-redshift-jdbc-driver#137,
 *   pulumi/pulumi-aws-native#614; docs/failures.md L3-09). `resourceName` is the model's member.
 * - "Serverless namespace <name> not found." (aws-solutions-library-samples/guidance-for-game-analytics-pipeline-on-aws#100).
 * - AccessDeniedException: IAM's "User: … is not authorized to perform: …" text. Status 400 is
 *   inferred [I] from the service not honouring the model's httpError for ResourceNotFoundException;
 *   no live capture of a serverless denial was found (docs/failures.md section 8).
 * - ValidationException texts for GetCredentials parameters are inferred [I].
 */
import { AwsError } from "../core/errors.ts";

export function workgroupNotFound(name: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Serverless workgroup ${name} not found.`, {
    fields: { resourceName: name },
  });
}

export function namespaceNotFound(name: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Serverless namespace ${name} not found.`, {
    fields: { resourceName: name },
  });
}

export function serverlessAccessDenied(message: string): AwsError {
  return new AwsError("AccessDeniedException", message, { status: 400 });
}

export function serverlessValidation(message: string): AwsError {
  return new AwsError("ValidationException", message);
}
