/**
 * The subset of AWS CLI v2 command lines the fix generator writes, parsed as a POSIX shell and the
 * AWS CLI do, and executed as the matching AWS SDK v3 call against the emulator. The CLI derives
 * every option from the operation's input member (`--role-name` ↔ `RoleName`), so the parser maps
 * options back the same way and refuses an option that is not a member of that operation's input
 * or a missing required member, as `aws` itself would.
 */
import {
  CreatePolicyCommand,
  DeleteRolePolicyCommand,
  IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { KMSClient, PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { OrganizationsClient, UpdatePolicyCommand } from "@aws-sdk/client-organizations";
import { ModifyClusterIamRolesCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import {
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { clientFor } from "../../support/clients.ts";

/** Shell words of one command line: single quotes literal ('\'' joins), double quotes with \ escapes and $NAME, bare words. */
export function shellWords(line: string, variables: Record<string, string> = {}): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const expand = () => {
    const name = /^\$\{?([A-Za-z_]\w*)\}?/.exec(line.slice(i));
    if (!name) throw new Error(`bad $ at ${i} in ${line}`);
    const value = variables[name[1]];
    if (value === undefined) throw new Error(`unset shell variable ${name[1]}`);
    i += name[0].length;
    return value;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === " ") {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= "";
      i++;
      while (line[i] !== '"') {
        if (i >= line.length) throw new Error(`unclosed " in ${line}`);
        if (line[i] === "\\" && /["\\`$]/.test(line[i + 1])) {
          word += line[i + 1];
          i += 2;
        } else if (line[i] === "$") word += expand();
        else word += line[i++];
      }
      i++;
    } else if (c === "\\") {
      word = (word ?? "") + line[i + 1];
      i += 2;
    } else if (c === "$") word = (word ?? "") + expand();
    else {
      word = (word ?? "") + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

type Client = "iam" | "s3" | "kms" | "secretsmanager" | "redshift" | "redshift-data" | "organizations";

interface OperationShape {
  client: Client;
  /** Input members: the CLI's options are these, kebab-cased. */
  members: string[];
  required: string[];
  /** Members that take a list (`--add-iam-roles a b`). */
  lists?: string[];
  command: new (input: never) => object;
}

const SHAPES: Record<string, OperationShape> = {
  "iam put-role-policy": {
    client: "iam",
    members: ["RoleName", "PolicyName", "PolicyDocument"],
    required: ["RoleName", "PolicyName", "PolicyDocument"],
    command: PutRolePolicyCommand,
  },
  "iam delete-role-policy": {
    client: "iam",
    members: ["RoleName", "PolicyName"],
    required: ["RoleName", "PolicyName"],
    command: DeleteRolePolicyCommand,
  },
  "iam update-assume-role-policy": {
    client: "iam",
    members: ["RoleName", "PolicyDocument"],
    required: ["RoleName", "PolicyDocument"],
    command: UpdateAssumeRolePolicyCommand,
  },
  "iam create-policy": {
    client: "iam",
    members: ["PolicyName", "Path", "PolicyDocument", "Description", "Tags"],
    required: ["PolicyName", "PolicyDocument"],
    command: CreatePolicyCommand,
  },
  "iam put-role-permissions-boundary": {
    client: "iam",
    members: ["RoleName", "PermissionsBoundary"],
    required: ["RoleName", "PermissionsBoundary"],
    command: PutRolePermissionsBoundaryCommand,
  },
  "s3api put-bucket-policy": {
    client: "s3",
    members: [
      "Bucket",
      "ContentMD5",
      "ChecksumAlgorithm",
      "ConfirmRemoveSelfBucketAccess",
      "Policy",
      "ExpectedBucketOwner",
    ],
    required: ["Bucket", "Policy"],
    command: PutBucketPolicyCommand,
  },
  "kms put-key-policy": {
    client: "kms",
    members: ["KeyId", "PolicyName", "Policy", "BypassPolicyLockoutSafetyCheck"],
    required: ["KeyId", "Policy"],
    command: PutKeyPolicyCommand,
  },
  "secretsmanager put-resource-policy": {
    client: "secretsmanager",
    members: ["SecretId", "ResourcePolicy", "BlockPublicPolicy"],
    required: ["SecretId", "ResourcePolicy"],
    command: PutResourcePolicyCommand,
  },
  "secretsmanager put-secret-value": {
    client: "secretsmanager",
    members: ["SecretId", "ClientRequestToken", "SecretBinary", "SecretString", "VersionStages"],
    required: ["SecretId"],
    command: PutSecretValueCommand,
  },
  "redshift modify-cluster-iam-roles": {
    client: "redshift",
    members: ["ClusterIdentifier", "AddIamRoles", "RemoveIamRoles", "DefaultIamRoleArn"],
    required: ["ClusterIdentifier"],
    lists: ["AddIamRoles", "RemoveIamRoles"],
    command: ModifyClusterIamRolesCommand,
  },
  "organizations update-policy": {
    client: "organizations",
    members: ["PolicyId", "Name", "Description", "Content"],
    required: ["PolicyId"],
    command: UpdatePolicyCommand,
  },
  "redshift-data execute-statement": {
    client: "redshift-data",
    members: [
      "Sql",
      "ClusterIdentifier",
      "SecretArn",
      "DbUser",
      "Database",
      "WithEvent",
      "StatementName",
      "Parameters",
      "WorkgroupName",
      "ClientToken",
    ],
    required: ["Sql"],
    command: ExecuteStatementCommand,
  },
};

/** Operations the emulator does not serve (the test names each command it cannot run); none today. */
export const NOT_EMULATED = new Set<string>();

export interface ParsedCommand {
  operation: string;
  profile?: string;
  region?: string;
  input: Record<string, unknown>;
}

const pascal = (option: string) =>
  option
    .split("-")
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");

/** `aws <service> <operation> --options…` → the SDK input, checked against the operation's members. */
export function parseAwsCommand(line: string, variables: Record<string, string> = {}): ParsedCommand {
  const [aws, service, op, ...rest] = shellWords(line, variables);
  if (aws !== "aws") throw new Error(`not an aws command: ${line}`);
  const operation = `${service} ${op}`;
  const shape = SHAPES[operation];
  if (!shape) throw new Error(`unknown operation ${operation}`);
  const parsed: ParsedCommand = { operation, input: {} };
  for (let i = 0; i < rest.length; ) {
    const option = rest[i];
    if (!option.startsWith("--")) throw new Error(`expected an option, got ${option}`);
    const values: string[] = [];
    for (i++; i < rest.length && !rest[i].startsWith("--"); i++) values.push(rest[i]);
    const name = option.slice(2);
    if (name === "profile" || name === "region") {
      parsed[name] = values[0];
      continue;
    }
    const member = pascal(name);
    if (!shape.members.includes(member)) throw new Error(`${operation}: unknown option --${name}`);
    if (values.length === 0) throw new Error(`${operation}: --${name} needs a value`);
    const list = shape.lists?.includes(member);
    if (!list && values.length > 1)
      throw new Error(`${operation}: --${name} takes one value, got ${values.length}`);
    parsed.input[member] = list ? values : values[0];
  }
  const missing = shape.required.filter((m) => parsed.input[m] === undefined);
  if (missing.length)
    throw new Error(
      `${operation}: missing ${missing.map((m) => `--${m.replace(/[A-Z]/g, (c, k) => `${k ? "-" : ""}${c.toLowerCase()}`)}`).join(", ")}`,
    );
  return parsed;
}

const CLIENTS = {
  iam: IAMClient,
  s3: S3Client,
  kms: KMSClient,
  secretsmanager: SecretsManagerClient,
  redshift: RedshiftClient,
  "redshift-data": RedshiftDataClient,
  organizations: OrganizationsClient,
} as const;

/** Runs a parsed command as the SDK call, with the profile's account administrator (`principalOf`); a Data API statement is awaited. */
export async function executeAwsCommand(
  emu: RunningEmulator,
  parsed: ParsedCommand,
  principalOf: (profile: string | undefined) => string,
): Promise<void> {
  const shape = SHAPES[parsed.operation];
  const extra = shape.client === "s3" ? { forcePathStyle: true } : undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the client class is picked from the table
  const client: any = clientFor(
    CLIENTS[shape.client] as never,
    emu,
    principalOf(parsed.profile),
    parsed.region ?? emu.region,
    extra,
  );
  const out = await client.send(new shape.command(parsed.input as never));
  if (shape.client !== "redshift-data") return;
  for (;;) {
    const d = await client.send(new DescribeStatementCommand({ Id: out.Id }));
    if (d.Status === "FINISHED") return;
    if (d.Status === "FAILED" || d.Status === "ABORTED") throw new Error(`statement ${d.Status}: ${d.Error}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
