import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failure, iamClient, lambdaCredentials, stsClient } from "../../support/clients.ts";
import {
  A,
  B,
  EXTERNAL_ID,
  LAMBDA_ROLE_ARN,
  LAMBDA_SESSION_ARN,
  REDSHIFT_ROLE_ARN,
} from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { policyDocument, trustStatement } from "../../support/policy-layers.ts";
import { refusalTests } from "../../support/refusals.ts";

const trust = (principal: Record<string, string>) =>
  JSON.stringify(policyDocument(trustStatement(principal)));

const assumeRedshiftRole = new AssumeRoleCommand({
  RoleArn: REDSHIFT_ROLE_ARN,
  RoleSessionName: "chaincheck",
  ExternalId: EXTERNAL_ID,
});

const asAdminB = (e: RunningEmulator) => iamClient(e, e.credentials("B:admin"));
const LONG_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: Array.from({ length: 40 }, (_, i) => ({
    Sid: `S${i}`,
    ...trustStatement({ Service: "redshift.amazonaws.com" }),
  })),
});
const createRole = (e: RunningEmulator, name: string, principal: Record<string, string>) =>
  asAdminB(e).send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal) }));
const setTrust = (e: RunningEmulator, name: string, document: string) =>
  asAdminB(e).send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: document }));
const invalidPrincipal = (arn: string) => ({
  name: "MalformedPolicyDocumentException",
  message: `Invalid principal in policy: "AWS":"${arn}"`,
  status: 400,
});
const NO_SUCH_POLICY = "arn:aws:iam::aws:policy/NoSuchPolicy";

describe("IAM refusals", () => {
  refusalTests([
    {
      test: "rejects a trust policy naming a role that does not exist",
      call: (e) => createRole(e, "trusts-missing", { AWS: `arn:aws:iam::${A}:role/Missing` }),
      error: invalidPrincipal(`arn:aws:iam::${A}:role/Missing`),
    },
    {
      test: "rejects UpdateAssumeRolePolicy naming a missing principal",
      call: (e) => setTrust(e, "chaincheck-redshift-role", trust({ AWS: `arn:aws:iam::${A}:user/nobody` })),
      error: invalidPrincipal(`arn:aws:iam::${A}:user/nobody`),
    },
    {
      test: "answers NoSuchEntity for a role that does not exist",
      call: (e) => asAdminB(e).send(new GetRoleCommand({ RoleName: "Missing" })),
      error: {
        name: "NoSuchEntityException",
        message: "The role with name Missing cannot be found.",
        status: 404,
      },
    },
    {
      test: "answers EntityAlreadyExists when the role name is taken",
      call: (e) => createRole(e, "chaincheck-redshift-role", { Service: "redshift.amazonaws.com" }),
      error: {
        name: "EntityAlreadyExistsException",
        message: "Role with name chaincheck-redshift-role already exists.",
        status: 409,
      },
    },
    {
      test: "answers ValidationError for a role name with a slash",
      call: (e) => createRole(e, "service-role/x", { Service: "redshift.amazonaws.com" }),
      error: {
        name: "ValidationError",
        message:
          "1 validation error detected: Value 'service-role/x' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
        status: 400,
      },
    },
    {
      test: "answers LimitExceeded for a trust policy over 2048 characters",
      call: (e) => setTrust(e, "chaincheck-copy-role", LONG_TRUST),
      error: {
        name: "LimitExceededException",
        message: "Cannot exceed quota for ACLSizePerRole: 2048",
        status: 409,
      },
    },
    {
      test: "rejects a malformed inline policy",
      call: (e) =>
        asAdminB(e).send(
          new PutRolePolicyCommand({
            RoleName: "chaincheck-copy-role",
            PolicyName: "bad",
            PolicyDocument: "{",
          }),
        ),
      error: { name: "MalformedPolicyDocumentException", message: "Syntax errors in policy.", status: 400 },
    },
    {
      test: "answers NoSuchEntity when attaching a policy that does not exist",
      call: (e) =>
        asAdminB(e).send(
          new AttachRolePolicyCommand({ RoleName: "chaincheck-redshift-role", PolicyArn: NO_SUCH_POLICY }),
        ),
      error: {
        name: "NoSuchEntityException",
        message: `Policy ${NO_SUCH_POLICY} does not exist or is not attachable.`,
        status: 404,
      },
    },
    {
      test: "refuses to delete a role that still has policies",
      call: (e) => asAdminB(e).send(new DeleteRoleCommand({ RoleName: "chaincheck-redshift-role" })),
      error: {
        name: "DeleteConflictException",
        message: "Cannot delete entity, must delete policies first.",
        status: 409,
      },
    },
    {
      test: "denies IAM reads to the Lambda session, whose policies do not allow them",
      call: (e) =>
        iamClient(e, lambdaCredentials(e)).send(new GetRoleCommand({ RoleName: "chaincheck-lambda-role" })),
      error: {
        name: "AccessDenied",
        message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: iam:GetRole on resource: ${LAMBDA_ROLE_ARN} because no identity-based policy allows the iam:GetRole action`,
        status: 403,
      },
    },
  ]);
});

describe("IAM roles", () => {
  test("shows trust principals as ARNs while they exist", async ({ start }) => {
    const e = await start();
    const role = await iamClient(e, e.credentials("B:admin")).send(
      new GetRoleCommand({ RoleName: "chaincheck-redshift-role" }),
    );
    expect(
      JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal,
    ).toEqual({
      AWS: LAMBDA_ROLE_ARN,
    });
    expect(role.Role?.Arn).toBe(REDSHIFT_ROLE_ARN);
    expect(role.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role.Role?.MaxSessionDuration).toBe(3600);
  });

  test("shows the stale AROA id in B's trust after A's role is deleted and recreated, and denies AssumeRole", async ({
    start,
  }) => {
    const e = await start();
    const iamA = iamClient(e, e.credentials("A:tester"));
    const iamB = iamClient(e, e.credentials("B:admin"));
    const before = await iamA.send(new GetRoleCommand({ RoleName: "chaincheck-lambda-role" }));
    const oldId = before.Role!.RoleId!;
    const inline = await iamA.send(
      new GetRolePolicyCommand({ RoleName: "chaincheck-lambda-role", PolicyName: "assume-redshift-role" }),
    );
    await iamA.send(
      new DeleteRolePolicyCommand({ RoleName: "chaincheck-lambda-role", PolicyName: "assume-redshift-role" }),
    );
    await iamA.send(
      new DetachRolePolicyCommand({
        RoleName: "chaincheck-lambda-role",
        PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      }),
    );
    await iamA.send(new DeleteRoleCommand({ RoleName: "chaincheck-lambda-role" }));
    const recreated = await iamA.send(
      new CreateRoleCommand({
        RoleName: "chaincheck-lambda-role",
        AssumeRolePolicyDocument: trust({ Service: "lambda.amazonaws.com" }),
      }),
    );
    await iamA.send(
      new PutRolePolicyCommand({
        RoleName: "chaincheck-lambda-role",
        PolicyName: "assume-redshift-role",
        PolicyDocument: decodeURIComponent(inline.PolicyDocument!),
      }),
    );
    expect(recreated.Role?.RoleId).not.toBe(oldId);

    const bTrust = await iamB.send(new GetRoleCommand({ RoleName: "chaincheck-redshift-role" }));
    const doc = JSON.parse(decodeURIComponent(bTrust.Role!.AssumeRolePolicyDocument!));
    expect(doc.Statement[0].Principal).toEqual({ AWS: oldId });

    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assumeRedshiftRole))).toEqual({
      name: "AccessDenied",
      message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:AssumeRole on resource: ${REDSHIFT_ROLE_ARN}`,
      status: 403,
    });
  });

  test("lists the attached AWS managed policy and serves its real document", async ({ start }) => {
    const e = await start();
    const iamB = iamClient(e, e.credentials("B:admin"));
    const attached = await iamB.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "chaincheck-redshift-role" }),
    );
    expect(attached.AttachedPolicies).toEqual([
      {
        PolicyName: "AmazonRedshiftDataFullAccess",
        PolicyArn: "arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess",
      },
    ]);
    const version = await iamB.send(
      new GetPolicyVersionCommand({
        PolicyArn: "arn:aws:iam::aws:policy/AmazonRedshiftDataFullAccess",
        VersionId: "v5",
      }),
    );
    const doc = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!));
    const credentials = doc.Statement.find((s: { Sid?: string }) => s.Sid === "GetCredentialsForAPIUser");
    expect(credentials.Resource).toContain("arn:aws:redshift:*:*:dbuser:*/redshift_data_api_user");
  });

  test("lets a role session assume longer after UpdateRole raises MaxSessionDuration", async ({ start }) => {
    const e = await start();
    await iamClient(e, e.credentials("A:tester")).send(
      new UpdateRoleCommand({ RoleName: "chaincheck-lambda-role", MaxSessionDuration: 7200 }),
    );
    const result = await stsClient(e, e.credentials("A:tester")).send(
      new AssumeRoleCommand({ RoleArn: LAMBDA_ROLE_ARN, RoleSessionName: "long", DurationSeconds: 7200 }),
    );
    expect(result.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/long`);
  });

  test("issues access keys for a new user that work at once", async ({ start }) => {
    const e = await start();
    const iamB = iamClient(e, e.credentials("B:admin"));
    await iamB.send(new CreateUserCommand({ UserName: "ci" }));
    const key = await iamB.send(new CreateAccessKeyCommand({ UserName: "ci" }));
    expect(key.AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const identity = await stsClient(e, {
      accessKeyId: key.AccessKey!.AccessKeyId!,
      secretAccessKey: key.AccessKey!.SecretAccessKey!,
    }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: B, Arn: `arn:aws:iam::${B}:user/ci` });
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });
});
