import { PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
} from "@aws-sdk/client-secrets-manager";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import {
  chainRoleCredentials,
  failure,
  iamClient,
  lambdaCredentials,
  secretsClient,
} from "../../support/clients.ts";
import { B, LAMBDA_ROLE_ARN, LAMBDA_SESSION_ARN, REGION } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";
import { APP_USER_ARN, KMS_SECRET_ARN, ROLE_SESSION_ARN, withLayers } from "./secrets-setup.ts";

function adminClient(emu: RunningEmulator) {
  return secretsClient(emu, emu.credentials("B:admin"));
}

const lambdaReadPolicy = JSON.stringify(
  policyDocument(allow("secretsmanager:GetSecretValue", "*", { Principal: { AWS: LAMBDA_ROLE_ARN } })),
);

describe("DescribeSecret and ListSecrets", () => {
  test("describes a secret's metadata without its value", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const out = await client.send(new DescribeSecretCommand({ SecretId: KMS_SECRET_ARN }));
    expect(out.ARN).toBe(KMS_SECRET_ARN);
    expect(out.Name).toBe("chaincheck/kms-app-user");
    expect(out.KmsKeyId).toBe("alias/chaincheck-secrets");
    expect(out.Tags).toEqual([{ Key: "RedshiftDataFullAccess", Value: "true" }]);
    expect(Object.values(out.VersionIdsToStages ?? {})).toEqual([["AWSCURRENT"]]);
    expect(out.CreatedDate).toBeInstanceOf(Date);
    expect(JSON.stringify(out)).not.toContain("kms-protected-pw");
  });

  test("denies DescribeSecret to B's role, whose managed policy allows only GetSecretValue", async ({
    start,
  }) => {
    const emu = await start(withLayers());
    expect(
      await failure(
        secretsClient(emu, await chainRoleCredentials(emu)).send(
          new DescribeSecretCommand({ SecretId: "chaincheck/app_user" }),
        ),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: ${ROLE_SESSION_ARN} is not authorized to perform: secretsmanager:DescribeSecret on resource: chaincheck/app_user because no identity-based policy allows the secretsmanager:DescribeSecret action`,
      status: 400,
    });
  });

  test("lists the account's secrets in the region, filtered by name prefix and tag key", async ({
    start,
  }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const all = await client.send(new ListSecretsCommand({}));
    expect(all.SecretList?.map((s) => s.Name)).toEqual([
      "chaincheck/app_user",
      "chaincheck/bad-json",
      "chaincheck/disabled-key",
      "chaincheck/kms-app-user",
      "chaincheck/no-value",
      "chaincheck/untagged",
      "chaincheck/wrong-keys",
    ]);
    const byName = await client.send(
      new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["chaincheck/k"] }] }),
    );
    expect(byName.SecretList?.map((s) => s.Name)).toEqual(["chaincheck/kms-app-user"]);
    const untagged = await client.send(
      new ListSecretsCommand({ Filters: [{ Key: "tag-key", Values: ["!RedshiftDataFullAccess"] }] }),
    );
    expect(untagged.SecretList?.map((s) => s.Name)).toEqual(["chaincheck/untagged"]);
  });

  test("pages the list with NextToken", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const first = await client.send(new ListSecretsCommand({ MaxResults: 5 }));
    const second = await client.send(new ListSecretsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect(first.SecretList).toHaveLength(5);
    expect(second.SecretList?.map((s) => s.Name)).toEqual(["chaincheck/untagged", "chaincheck/wrong-keys"]);
    expect(second.NextToken).toBeUndefined();
  });

  test("denies ListSecrets without naming a resource", async ({ start }) => {
    const emu = await start(withLayers());
    expect(
      await failure(secretsClient(emu, lambdaCredentials(emu)).send(new ListSecretsCommand({}))),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: secretsmanager:ListSecrets because no identity-based policy allows the secretsmanager:ListSecrets action`,
      status: 400,
    });
  });
});

describe("resource policies", () => {
  test("starts with no policy, stores one, returns it and deletes it", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const before = await client.send(new GetResourcePolicyCommand({ SecretId: APP_USER_ARN }));
    expect(before).toMatchObject({ ARN: APP_USER_ARN, Name: "chaincheck/app_user" });
    expect(before.ResourcePolicy).toBeUndefined();
    await client.send(
      new PutResourcePolicyCommand({ SecretId: APP_USER_ARN, ResourcePolicy: lambdaReadPolicy }),
    );
    const after = await client.send(new GetResourcePolicyCommand({ SecretId: "chaincheck/app_user" }));
    expect(after.ResourcePolicy).toBe(lambdaReadPolicy);
    await client.send(new DeleteResourcePolicyCommand({ SecretId: APP_USER_ARN }));
    const gone = await client.send(new GetResourcePolicyCommand({ SecretId: APP_USER_ARN }));
    expect(gone.ResourcePolicy).toBeUndefined();
  });

  test("applies a written policy to the next read: A's Lambda gets past IAM and stops at the AWS managed key", async ({
    start,
  }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const lambda = secretsClient(emu, lambdaCredentials(emu));
    await iamClient(emu, emu.credentials("A:tester")).send(
      new PutRolePolicyCommand({
        RoleName: "chaincheck-lambda-role",
        PolicyName: "read",
        PolicyDocument: JSON.stringify(
          policyDocument({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
        ),
      }),
    );
    const denied = await failure(lambda.send(new GetSecretValueCommand({ SecretId: APP_USER_ARN })));
    expect(denied.name).toBe("AccessDeniedException");
    await client.send(
      new PutResourcePolicyCommand({ SecretId: APP_USER_ARN, ResourcePolicy: lambdaReadPolicy }),
    );
    const kms = await failure(lambda.send(new GetSecretValueCommand({ SecretId: APP_USER_ARN })));
    expect(kms).toEqual({
      name: "AccessDeniedException",
      message: "Access to KMS is not allowed",
      status: 400,
    });
  });

  test("refuses a public policy when BlockPublicPolicy is set", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const publicPolicy = JSON.stringify(
      policyDocument({
        Effect: "Allow",
        Principal: "*",
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      }),
    );
    expect(
      await failure(
        client.send(
          new PutResourcePolicyCommand({
            SecretId: APP_USER_ARN,
            ResourcePolicy: publicPolicy,
            BlockPublicPolicy: true,
          }),
        ),
      ),
    ).toEqual({
      name: "PublicPolicyException",
      message:
        "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.",
      status: 400,
    });
  });

  test("refuses a policy document that is not a policy", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const err = await failure(
      client.send(
        new PutResourcePolicyCommand({ SecretId: APP_USER_ARN, ResourcePolicy: '{"Statement": 3}' }),
      ),
    );
    expect(err.name).toBe("MalformedPolicyDocumentException");
    expect(err.status).toBe(400);
  });
});

describe("CreateSecret and PutSecretValue", () => {
  test("creates a secret with a 6-character ARN suffix and returns its value", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const created = await client.send(
      new CreateSecretCommand({
        Name: "runtime/app",
        SecretString: '{"username":"u","password":"p1"}',
        Tags: [{ Key: "RedshiftDataFullAccess", Value: "yes" }],
      }),
    );
    expect(created.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:${REGION}:${B}:secret:runtime/app-[A-Za-z0-9]{6}$`),
    );
    const value = await client.send(new GetSecretValueCommand({ SecretId: "runtime/app" }));
    expect(value.SecretString).toBe('{"username":"u","password":"p1"}');
    expect(value.VersionId).toBe(created.VersionId);
  });

  test("refuses a second secret with the same name", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    expect(
      await failure(client.send(new CreateSecretCommand({ Name: "chaincheck/app_user", SecretString: "x" }))),
    ).toEqual({
      name: "ResourceExistsException",
      message: "The operation failed because the secret chaincheck/app_user already exists.",
      status: 400,
    });
  });

  test("moves AWSCURRENT to a new value and keeps the old one as AWSPREVIOUS", async ({ start }) => {
    const emu = await start(withLayers());
    const client = adminClient(emu);
    const old = await client.send(new GetSecretValueCommand({ SecretId: APP_USER_ARN }));
    const put = await client.send(new PutSecretValueCommand({ SecretId: APP_USER_ARN, SecretString: "v2" }));
    expect(put.VersionStages).toEqual(["AWSCURRENT"]);
    const current = await client.send(new GetSecretValueCommand({ SecretId: APP_USER_ARN }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: APP_USER_ARN, VersionStage: "AWSPREVIOUS" }),
    );
    expect(current.SecretString).toBe("v2");
    expect(previous.VersionId).toBe(old.VersionId);
    expect(previous.VersionStages).toEqual(["AWSPREVIOUS"]);
  });
});
