import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect } from "vitest";
import { assumeChainRole as assume, failure, lambdaCredentials, stsClient } from "../../support/clients.ts";
import { A, B, LAMBDA_ROLE_ARN, LAMBDA_SESSION_ARN, REDSHIFT_ROLE_ARN } from "../../support/constants.ts";
import { B_ROLE_TRUSTS_A_TESTER_ONLY, test } from "../../support/emulator-fixture.ts";

const plainDenial = `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:AssumeRole on resource: ${REDSHIFT_ROLE_ARN}`;

describe("the seed's Lambda session assuming B's role", () => {
  test("returns account B credentials whose caller identity is the assumed-role session", async ({
    start,
  }) => {
    const e = await start();
    const result = await stsClient(e, lambdaCredentials(e)).send(assume());
    expect(result.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck`,
    );
    expect(result.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:chaincheck$/);
    expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const identity = await stsClient(e, {
      accessKeyId: result.Credentials!.AccessKeyId!,
      secretAccessKey: result.Credentials!.SecretAccessKey!,
      sessionToken: result.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(B);
    expect(identity.Arn).toBe(`arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck`);
    expect(identity.UserId).toBe(result.AssumedRoleUser?.AssumedRoleId);
  });

  test("shows the Lambda session as account A's execution role named after the function", async ({
    start,
  }) => {
    const e = await start();
    const identity = await stsClient(e, lambdaCredentials(e)).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(A);
    expect(identity.Arn).toBe(LAMBDA_SESSION_ARN);
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:chaincheck-probe$/);
  });

  test("denies with the plain text when B's trust policy names another role", async ({ start }) => {
    const e = await start(B_ROLE_TRUSTS_A_TESTER_ONLY);
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume()))).toEqual({
      name: "AccessDenied",
      message: plainDenial,
      status: 403,
    });
  });

  test("denies naming the missing identity policy when A's role lacks sts:AssumeRole", async ({ start }) => {
    const e = await start({
      roles: [
        {
          account: A,
          name: "chaincheck-lambda-role",
          inlinePolicies: [{ name: "assume-redshift-role", $delete: true }],
        },
      ],
    });
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume()))).toEqual({
      name: "AccessDenied",
      message: `${plainDenial} because no identity-based policy allows the sts:AssumeRole action`,
      status: 403,
    });
  });

  test("denies with the plain text when the ExternalId is wrong", async ({ start }) => {
    const e = await start();
    expect(
      await failure(stsClient(e, lambdaCredentials(e)).send(assume({ ExternalId: "wrong-external-id" }))),
    ).toEqual({ name: "AccessDenied", message: plainDenial, status: 403 });
  });

  test("denies with the plain text when the ExternalId is missing", async ({ start }) => {
    const e = await start();
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ ExternalId: undefined })))).toEqual(
      { name: "AccessDenied", message: plainDenial, status: 403 },
    );
  });

  test("refuses more than one hour for a chained session even when the role allows twelve", async ({
    start,
  }) => {
    const e = await start({
      roles: [{ account: B, name: "chaincheck-redshift-role", maxSessionDuration: 43200 }],
    });
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ DurationSeconds: 7200 })))).toEqual(
      {
        name: "ValidationError",
        message:
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
        status: 400,
      },
    );
  });

  test("denies an ARN with an empty account field as AccessDenied, not as not-found", async ({ start }) => {
    const e = await start();
    const arn = "arn:aws:iam:::role/chaincheck-redshift-role";
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ RoleArn: arn })))).toEqual({
      name: "AccessDenied",
      message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      status: 403,
    });
  });

  test("denies a role that does not exist with the same AccessDenied text", async ({ start }) => {
    const e = await start();
    const arn = `arn:aws:iam::${B}:role/no-such-role`;
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ RoleArn: arn })))).toEqual({
      name: "AccessDenied",
      message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      status: 403,
    });
  });

  test("names the service control policy that explicitly denies sts:AssumeRole in account A", async ({
    start,
  }) => {
    const e = await start({
      organizations: [
        {
          id: "o-chaincheck01",
          managementAccount: "999999999999",
          accounts: [A, B],
          scps: [
            {
              id: "p-denyassume1",
              name: "DenyAssumeRole",
              targets: [A],
              document: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" }],
              },
            },
          ],
        },
      ],
    });
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume()))).toEqual({
      name: "AccessDenied",
      message: `${plainDenial} with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-chaincheck01/service_control_policy/p-denyassume1`,
      status: 403,
    });
  });

  test("names the permissions boundary that explicitly denies sts:AssumeRole", async ({ start }) => {
    const e = await start({
      policies: [
        {
          account: A,
          name: "deny-assume-boundary",
          document: {
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: "*", Resource: "*" },
              { Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" },
            ],
          },
        },
      ],
      roles: [
        {
          account: A,
          name: "chaincheck-lambda-role",
          permissionsBoundary: `arn:aws:iam::${A}:policy/deny-assume-boundary`,
        },
      ],
    });
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume()))).toEqual({
      name: "AccessDenied",
      message: `${plainDenial} with an explicit deny in a permissions boundary: arn:aws:iam::${A}:policy/deny-assume-boundary`,
      status: 403,
    });
  });

  test("lets the tester assume the Lambda role locally through the trust's harness statement", async ({
    start,
  }) => {
    const e = await start();
    const result = await stsClient(e, e.credentials("A:tester")).send(
      new AssumeRoleCommand({ RoleArn: LAMBDA_ROLE_ARN, RoleSessionName: "local-origin" }),
    );
    expect(result.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/local-origin`,
    );
  });
});
