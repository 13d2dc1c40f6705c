/**
 * Redshift Serverless (awsJson1_1, signing name `redshift-serverless`, target prefix
 * `RedshiftServerless`), on the namespaces and workgroups of the setup.
 * https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/Welcome.html
 *
 * Operations: GetWorkgroup, ListWorkgroups, GetNamespace, ListNamespaces, GetCredentials; the
 * workgroups are also offered to the Data API (workgroup-access.ts, wired in emulator/assemble.ts).
 * Known gaps: every create/update/delete, snapshots, endpoint access, usage limits, tagging APIs.
 */
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { serverlessAccessDenied } from "./serverless-errors.ts";
import { serverlessOperations } from "./serverless-operations.ts";

export function createRedshiftServerlessService(world: World): ServiceDefinition {
  return {
    signingName: "redshift-serverless",
    protocol: "awsJson1_1",
    targetPrefix: "RedshiftServerless",
    accessDenied: serverlessAccessDenied,
    operations: serverlessOperations(world),
  };
}
