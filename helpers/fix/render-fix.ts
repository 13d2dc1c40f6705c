/**
 * A fix's AWS operations rendered for the real accounts: AWS CLI v2 commands (one line each, the
 * account's `--profile`, policy documents inline and single-quoted), the IAM JSON documents, and a
 * CloudFormation snippet per account. Secret values never appear: a secret's password is a shell
 * variable the script asks for.
 */
import type { AwsOperation, FixChange, PolicyDocument } from "./fix-types.ts";
import { yamlText } from "./fix-yaml.ts";

/** Single-quoted for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/** Double-quoted for a POSIX shell, `$NAME` references left to expand. */
function shellDoubleQuote(value: string): string {
  return `"${value.replace(/[\\"`]/g, (c) => `\\${c}`)}"`;
}

const json = (document: PolicyDocument) => shellQuote(JSON.stringify(document));

function commandOf(op: AwsOperation): string[] {
  switch (op.kind) {
    case "iam-put-role-policy":
      return [
        "iam",
        "put-role-policy",
        "--role-name",
        op.roleName,
        "--policy-name",
        op.policyName,
        "--policy-document",
        json(op.document),
      ];
    case "iam-delete-role-policy":
      return ["iam", "delete-role-policy", "--role-name", op.roleName, "--policy-name", op.policyName];
    case "iam-update-assume-role-policy":
      return [
        "iam",
        "update-assume-role-policy",
        "--role-name",
        op.roleName,
        "--policy-document",
        json(op.document),
      ];
    case "iam-create-policy":
      return ["iam", "create-policy", "--policy-name", op.policyName, "--policy-document", json(op.document)];
    case "iam-put-role-permissions-boundary":
      return [
        "iam",
        "put-role-permissions-boundary",
        "--role-name",
        op.roleName,
        "--permissions-boundary",
        op.boundaryArn,
      ];
    case "s3-put-bucket-policy":
      return ["s3api", "put-bucket-policy", "--bucket", op.bucket, "--policy", json(op.document)];
    case "kms-put-key-policy":
      return [
        "kms",
        "put-key-policy",
        "--key-id",
        op.keyId,
        "--policy-name",
        "default",
        "--policy",
        json(op.document),
      ];
    case "secrets-put-resource-policy":
      return [
        "secretsmanager",
        "put-resource-policy",
        "--secret-id",
        op.secretId,
        "--resource-policy",
        json(op.document),
      ];
    case "secrets-put-secret-value":
      return [
        "secretsmanager",
        "put-secret-value",
        "--secret-id",
        op.secretId,
        "--secret-string",
        shellDoubleQuote(JSON.stringify(op.secretTemplate)),
      ];
    case "redshift-modify-cluster-iam-roles":
      return [
        "redshift",
        "modify-cluster-iam-roles",
        "--cluster-identifier",
        op.clusterId,
        "--add-iam-roles",
        ...op.addRoles,
      ];
    case "redshift-data-sql":
      return [
        "redshift-data",
        "execute-statement",
        "--cluster-identifier",
        op.clusterId,
        "--database",
        op.database,
        "--db-user",
        op.dbUser,
        "--sql",
        shellQuote(op.sql),
      ];
    case "organizations-update-policy":
      return ["organizations", "update-policy", "--policy-id", op.policyId, "--content", json(op.document)];
  }
}

const GLOBAL_SERVICES = new Set(["iam", "organizations"]);

/** The AWS CLI v2 command lines of a change, each naming the account's profile (and region for regional services). */
export function cliCommands(change: FixChange): string[] {
  return change.operations.map((op) => {
    const [service, ...rest] = commandOf(op);
    const where = [`--profile ${shellQuote(change.profile ?? "default")}`];
    if (!GLOBAL_SERVICES.has(service) && change.region) where.push(`--region ${change.region}`);
    return ["aws", service, rest[0], ...where, ...rest.slice(1)].join(" ");
  });
}

/** The shell variables (secrets) the change's commands read, with what each must hold. */
export function cliVariables(change: FixChange): Record<string, string> {
  const out: Record<string, string> = {};
  for (const op of change.operations)
    if (op.kind === "secrets-put-secret-value") Object.assign(out, op.variables);
  return out;
}

/** The policy documents of a change, named for files: `<n>-<what>.json`. */
export function policyDocuments(
  change: FixChange,
): { name: string; kind: "identity" | "trust" | "resource" | "scp"; document: PolicyDocument }[] {
  const out: { name: string; kind: "identity" | "trust" | "resource" | "scp"; document: PolicyDocument }[] =
    [];
  for (const op of change.operations) {
    if (op.kind === "iam-put-role-policy")
      out.push({ name: `${op.roleName}-${op.policyName}`, kind: "identity", document: op.document });
    if (op.kind === "iam-update-assume-role-policy")
      out.push({ name: `${op.roleName}-trust`, kind: "trust", document: op.document });
    if (op.kind === "iam-create-policy")
      out.push({ name: op.policyName, kind: "identity", document: op.document });
    if (op.kind === "s3-put-bucket-policy")
      out.push({ name: `${op.bucket}-bucket-policy`, kind: "resource", document: op.document });
    if (op.kind === "kms-put-key-policy")
      out.push({ name: `key-${op.keyId}-policy`, kind: "resource", document: op.document });
    if (op.kind === "secrets-put-resource-policy")
      out.push({
        name: `${op.secretId.split(":").pop()}-secret-policy`,
        kind: "resource",
        document: op.document,
      });
    if (op.kind === "organizations-update-policy")
      out.push({ name: `${op.policyId}-scp`, kind: "scp", document: op.document });
  }
  return out;
}

function logicalId(...parts: string[]): string {
  return parts
    .join("-")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("")
    .slice(0, 255);
}

/** CloudFormation resources (or the part of one that changes) for a change; notes for what a template cannot hold. */
export function cloudFormation(change: FixChange): { resources: Record<string, unknown>; notes: string[] } {
  const resources: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const op of change.operations) {
    switch (op.kind) {
      case "iam-put-role-policy":
        resources[logicalId(op.roleName, op.policyName)] = {
          Type: "AWS::IAM::RolePolicy",
          Properties: { RoleName: op.roleName, PolicyName: op.policyName, PolicyDocument: op.document },
        };
        break;
      case "iam-delete-role-policy":
        notes.push(
          `remove the inline policy ${op.policyName} of ${op.roleName} (its AWS::IAM::RolePolicy, or the entry of the role's Policies)`,
        );
        break;
      case "iam-update-assume-role-policy":
        notes.push(`${op.roleName}: only AssumeRolePolicyDocument changes; keep the role's other properties`);
        resources[logicalId(op.roleName)] = {
          Type: "AWS::IAM::Role",
          Properties: { RoleName: op.roleName, AssumeRolePolicyDocument: op.document },
        };
        break;
      case "iam-create-policy":
        resources[logicalId(op.policyName)] = {
          Type: "AWS::IAM::ManagedPolicy",
          Properties: { ManagedPolicyName: op.policyName, PolicyDocument: op.document },
        };
        break;
      case "iam-put-role-permissions-boundary":
        notes.push(`${op.roleName}: only PermissionsBoundary changes; keep the role's other properties`);
        resources[logicalId(op.roleName, "boundary")] = {
          Type: "AWS::IAM::Role",
          Properties: { RoleName: op.roleName, PermissionsBoundary: op.boundaryArn },
        };
        break;
      case "s3-put-bucket-policy":
        resources[logicalId(op.bucket, "policy")] = {
          Type: "AWS::S3::BucketPolicy",
          Properties: { Bucket: op.bucket, PolicyDocument: op.document },
        };
        break;
      case "kms-put-key-policy":
        notes.push(`key ${op.keyId}: only KeyPolicy changes; keep the key's other properties`);
        resources[logicalId("key", op.keyId)] = {
          Type: "AWS::KMS::Key",
          Properties: { KeyPolicy: op.document },
        };
        break;
      case "secrets-put-resource-policy":
        resources[logicalId(op.secretId.split(":").pop() ?? "secret", "policy")] = {
          Type: "AWS::SecretsManager::ResourcePolicy",
          Properties: { SecretId: op.secretId, ResourcePolicy: op.document },
        };
        break;
      case "secrets-put-secret-value":
        notes.push(
          `the secret's value (${Object.keys(op.secretTemplate).join(", ")}) is set with the CLI command, not in a template`,
        );
        break;
      case "redshift-modify-cluster-iam-roles":
        notes.push(
          `cluster ${op.clusterId}: add ${op.addRoles.join(", ")} to IamRoles; keep the cluster's other properties and roles`,
        );
        resources[logicalId(op.clusterId)] = {
          Type: "AWS::Redshift::Cluster",
          Properties: { ClusterIdentifier: op.clusterId, IamRoles: op.addRoles },
        };
        break;
      case "redshift-data-sql":
        notes.push(`database ${op.database} of ${op.clusterId}: run as ${op.dbUser}: ${op.sql}`);
        break;
      case "organizations-update-policy":
        resources[logicalId(op.policyId)] = {
          Type: "AWS::Organizations::Policy",
          Properties: { Name: op.policyId, Type: "SERVICE_CONTROL_POLICY", Content: op.document },
        };
        break;
    }
  }
  return { resources, notes };
}

/** One CloudFormation YAML document for a set of changes in one account. */
export function cloudFormationYaml(changes: FixChange[], heading: string): string {
  const resources: Record<string, unknown> = {};
  const notes: string[] = [];
  for (const change of changes) {
    const cfn = cloudFormation(change);
    Object.assign(resources, cfn.resources);
    notes.push(...cfn.notes);
  }
  const head = [`# ${heading}`, ...notes.map((n) => `# ${n}`)].join("\n");
  return Object.keys(resources).length ? `${head}\n${yamlText({ Resources: resources })}` : `${head}\n`;
}
