/**
 * Secrets Manager (awsJson1_1, signing name `secretsmanager`, target prefix `secretsmanager`).
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/Welcome.html
 *
 * Operations: GetSecretValue, DescribeSecret, ListSecrets, GetResourcePolicy, PutResourcePolicy,
 * DeleteResourcePolicy, CreateSecret, PutSecretValue. Authorization happens in the handlers because
 * the resource (and its policy, tags and KMS key) is only known after resolving the SecretId.
 * Known gaps: DeleteSecret/RestoreSecret, UpdateSecret, TagResource/UntagResource, rotation,
 * replication, BatchGetSecretValue, ValidateResourcePolicy; see each module's header.
 */
import type { ServiceDefinition } from "../core/types.ts";
import type { World } from "../world/world.ts";
import { describeSecretOperation, listSecretsOperation } from "./describe-secret.ts";
import { getSecretValueOperation } from "./get-secret-value.ts";
import {
  deleteResourcePolicyOperation,
  getResourcePolicyOperation,
  putResourcePolicyOperation,
} from "./resource-policy-operations.ts";
import { secretsAccessDenied } from "./secrets-manager-errors.ts";
import { createSecretOperation, putSecretValueOperation } from "./write-secret-operations.ts";

export function createSecretsManagerService(world: World): ServiceDefinition {
  return {
    signingName: "secretsmanager",
    protocol: "awsJson1_1",
    targetPrefix: "secretsmanager",
    accessDenied: secretsAccessDenied,
    operations: {
      GetSecretValue: { handler: getSecretValueOperation(world) },
      DescribeSecret: { handler: describeSecretOperation(world) },
      ListSecrets: { handler: listSecretsOperation(world) },
      GetResourcePolicy: { handler: getResourcePolicyOperation(world) },
      PutResourcePolicy: { handler: putResourcePolicyOperation(world) },
      DeleteResourcePolicy: { handler: deleteResourcePolicyOperation(world) },
      CreateSecret: { handler: createSecretOperation(world) },
      PutSecretValue: { handler: putSecretValueOperation(world) },
    },
  };
}
