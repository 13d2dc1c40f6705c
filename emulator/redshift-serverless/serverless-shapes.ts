/**
 * The Workgroup and Namespace structures as GetWorkgroup/ListWorkgroups and GetNamespace/
 * ListNamespaces return them.
 * https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Workgroup.html
 * https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_Namespace.html
 *
 * Timestamps are ISO-8601 strings: the service's model marks them date-time.
 * Known gaps: no VPC (subnets, security groups, vpcEndpoints are empty); configParameters are the
 * defaults a new workgroup gets; namespace `iamRoles` use AWS's odd "IamRole(applyStatus=…)" form.
 */
import type { ServerlessNamespace, ServerlessWorkgroup } from "./serverless-store.ts";

const DEFAULT_CONFIG: Array<[string, string]> = [
  ["auto_mv", "true"],
  ["datestyle", "ISO, MDY"],
  ["enable_case_sensitive_identifier", "false"],
  ["enable_user_activity_logging", "true"],
  ["query_group", "default"],
  ["search_path", "$user, public"],
  ["max_query_execution_time", "14400"],
  ["require_ssl", "true"],
];

export function workgroupShape(w: ServerlessWorkgroup): Record<string, unknown> {
  return {
    workgroupId: w.id,
    workgroupArn: w.arn,
    workgroupName: w.name,
    namespaceName: w.namespace.name,
    baseCapacity: w.spec.baseCapacity,
    enhancedVpcRouting: w.spec.enhancedVpcRouting,
    configParameters: DEFAULT_CONFIG.map(([parameterKey, parameterValue]) => ({
      parameterKey,
      parameterValue,
    })),
    securityGroupIds: [],
    subnetIds: [],
    status: "AVAILABLE",
    endpoint: { address: w.endpointAddress, port: w.port, vpcEndpoints: [] },
    publiclyAccessible: false,
    creationDate: w.creationDate.toISOString(),
    port: w.port,
    workgroupVersion: "1.0.80000",
    patchVersion: "patch 185",
  };
}

export function namespaceShape(n: ServerlessNamespace): Record<string, unknown> {
  return {
    namespaceArn: n.arn,
    namespaceId: n.id,
    namespaceName: n.name,
    adminUsername: n.spec.adminUsername,
    dbName: n.spec.dbName,
    kmsKeyId: n.spec.kmsKeyId ?? "AWS_OWNED_KMS_KEY",
    defaultIamRoleArn: n.spec.defaultIamRole,
    iamRoles: n.spec.iamRoles.map((arn) => `IamRole(applyStatus=in-sync, iamRoleArn=${arn})`),
    logExports: [],
    status: "AVAILABLE",
    creationDate: n.creationDate.toISOString(),
  };
}
