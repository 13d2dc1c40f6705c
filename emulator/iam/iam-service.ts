/**
 * IAM (awsQuery, signing name `iam`, API version 2010-05-08). Global: entities are keyed by
 * account only, whatever the region in the credential scope; every operation acts on the caller's
 * account. See the operation modules for their known gaps.
 */
import { AwsError } from "../core/errors.ts";
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { policyOperations } from "./policy-operations.ts";
import { roleOperations } from "./role-operations.ts";
import { rolePolicyOperations } from "./role-policy-operations.ts";
import { simulateOperation } from "./simulate-principal-policy.ts";
import { userOperations } from "./user-operations.ts";

export function createIamService(world: World): ServiceDefinition {
  return {
    signingName: "iam",
    protocol: "awsQuery",
    xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
    apiVersion: "2010-05-08",
    accessDenied: (message) => new AwsError("AccessDenied", message, { status: 403 }),
    operations: {
      ...roleOperations(world),
      ...rolePolicyOperations(world),
      ...policyOperations(world),
      ...userOperations(world),
      SimulatePrincipalPolicy: simulateOperation(world),
    },
  };
}
