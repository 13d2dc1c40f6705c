/**
 * Writes a setup's world into an empty AWS-compatible target through the SDK, as a user would with
 * the console: IAM users (no keys: the target issues its own) and roles (trust, inline and attached
 * policies), S3 buckets (policy, objects), the
 * setup's probe functions (helpers/probe/deploy.ts) and Redshift clusters. Used for LocalStack, which
 * starts empty. Every step that the target refuses or lacks is returned as a note, never thrown:
 * the chain run then shows what that gap means for each link.
 *
 * Known gaps: users' inline policies and access keys, customer managed policies, SCPs, permissions boundaries, secrets, KMS keys,
 * serverless workgroups, DB users, tables and grants (no SQL behind LocalStack's Redshift) are not
 * provisioned; functions with their own code (`file`/`inline`) are skipped.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateClusterCommand, RedshiftClient } from "@aws-sdk/client-redshift";
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { Setup } from "../../emulator/index.ts";
import { endpointClientConfig } from "../aws/endpoint-client-config.ts";
import { deployProbe } from "../probe/deploy.ts";

export interface ProvisionOptions {
  setup: Setup;
  /** Where relative object `file`s live (the setup file's folder). */
  setupDir: string;
  endpoint: string;
  /** The identity that creates things in `account` (an administrator there). */
  credentialsFor(account: string): AwsCredentialIdentity;
  region: string;
}

function accountId(setup: Setup, ref: string): string {
  return setup.accounts.find((a) => a.id === ref || a.alias === ref)?.id ?? ref;
}

function reason(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? "Error"}: ${e.message ?? String(error)}`;
}

export async function provisionSetup(options: ProvisionOptions): Promise<string[]> {
  const { setup } = options;
  const notes: string[] = [];
  const settings = (account: string, region = options.region) => ({
    region,
    endpoint: options.endpoint,
    credentials: options.credentialsFor(accountId(setup, account)),
    ...endpointClientConfig(options.endpoint),
  });
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      notes.push(`not provisioned on this target: ${what} (${reason(error)})`);
    }
  };

  for (const user of setup.users) {
    const iam = new IAMClient(settings(user.account));
    await attempt(`user ${user.name}`, () =>
      iam.send(new CreateUserCommand({ UserName: user.name, Path: user.path })),
    );
    for (const arn of user.attachedPolicies)
      await attempt(`${arn} on user ${user.name}`, () =>
        iam.send(new AttachUserPolicyCommand({ UserName: user.name, PolicyArn: arn })),
      );
  }

  // IAM refuses a trust policy naming a principal that does not exist yet, and roles name each
  // other: create every role trusting only its own account, then set the real trust policies.
  for (const role of setup.roles) {
    const iam = new IAMClient(settings(role.account));
    const account = accountId(setup, role.account);
    await attempt(`role ${role.name}`, () =>
      iam.send(
        new CreateRoleCommand({
          RoleName: role.name,
          Path: role.path,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${account}:root` },
                Action: "sts:AssumeRole",
              },
            ],
          }),
          MaxSessionDuration: role.maxSessionDuration,
          Description: role.description,
        }),
      ),
    );
    for (const policy of role.inlinePolicies)
      await attempt(`inline policy ${policy.name} of ${role.name}`, () =>
        iam.send(
          new PutRolePolicyCommand({
            RoleName: role.name,
            PolicyName: policy.name,
            PolicyDocument: JSON.stringify(policy.document),
          }),
        ),
      );
    for (const arn of role.attachedPolicies)
      await attempt(`${arn} on ${role.name}`, () =>
        iam.send(new AttachRolePolicyCommand({ RoleName: role.name, PolicyArn: arn })),
      );
  }

  for (const role of setup.roles)
    await attempt(`trust policy of ${role.name}`, () =>
      new IAMClient(settings(role.account)).send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: role.name,
          PolicyDocument: JSON.stringify(role.trustPolicy),
        }),
      ),
    );

  for (const bucket of setup.s3Buckets) {
    const s3 = new S3Client(settings(bucket.account, bucket.region));
    await attempt(`bucket ${bucket.name}`, () =>
      s3.send(
        new CreateBucketCommand({
          Bucket: bucket.name,
          // us-east-1 is the one region that takes no LocationConstraint.
          CreateBucketConfiguration:
            bucket.region === "us-east-1"
              ? undefined
              : { LocationConstraint: bucket.region as BucketLocationConstraint },
        }),
      ),
    );
    if (bucket.policy)
      await attempt(`policy of bucket ${bucket.name}`, () =>
        s3.send(new PutBucketPolicyCommand({ Bucket: bucket.name, Policy: JSON.stringify(bucket.policy) })),
      );
    for (const object of bucket.objects) {
      const body = object.body ?? readFileSync(resolve(options.setupDir, object.file as string));
      await attempt(`object s3://${bucket.name}/${object.key}`, () =>
        s3.send(
          new PutObjectCommand({
            Bucket: bucket.name,
            Key: object.key,
            Body: body,
            ContentType: object.contentType,
          }),
        ),
      );
    }
  }

  for (const fn of setup.lambdaFunctions) {
    if (!("probe" in fn.code)) {
      notes.push(`not provisioned on this target: function ${fn.name} (only probe functions are deployed)`);
      continue;
    }
    await attempt(`function ${fn.name}`, () =>
      deployProbe({
        functionName: fn.name,
        roleArn: fn.role,
        settings: settings(fn.account, fn.region),
        timeoutSeconds: fn.timeout,
      }),
    );
  }

  for (const cluster of setup.redshiftClusters) {
    const redshift = new RedshiftClient(settings(cluster.account, cluster.region));
    await attempt(`Redshift cluster ${cluster.id}`, () =>
      redshift.send(
        new CreateClusterCommand({
          ClusterIdentifier: cluster.id,
          NodeType: "ra3.xlplus",
          MasterUsername: cluster.masterUsername,
          // Never used by the harness (it authenticates through IAM); random so none is hard-coded.
          MasterUserPassword: `Cc${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}9`,
          DBName: cluster.databases[0]?.name,
          IamRoles: cluster.iamRoles,
        }),
      ),
    );
  }
  return notes;
}

export function setupDirOf(path: string): string {
  return dirname(resolve(path));
}
