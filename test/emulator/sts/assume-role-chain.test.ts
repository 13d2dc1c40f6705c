import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect } from "vitest";
import { assumeChainRole as assume, lambdaCredentials, stsClient } from "../../support/clients.ts";
import { A, B, LAMBDA_ROLE_ARN, LAMBDA_SESSION_ARN, REDSHIFT_ROLE_ARN } from "../../support/constants.ts";
import { B_ROLE_TRUSTS_A_TESTER_ONLY, type Layer, test } from "../../support/emulator-fixture.ts";
import { allow, deny, LAMBDA_ROLE_CANNOT_ASSUME, policyDocument } from "../../support/policy-layers.ts";
import { refusalTests } from "../../support/refusals.ts";

const denied = (message: string) => ({ name: "AccessDenied", message, status: 403 });
const EMPTY_ACCOUNT_ARN = "arn:aws:iam:::role/chaincheck-redshift-role";
const MISSING_ROLE_ARN = `arn:aws:iam::${B}:role/no-such-role`;
const DENY_ASSUME_SCP: Layer = {
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
          document: policyDocument(deny("sts:AssumeRole", "*")),
        },
      ],
    },
  ],
};
const DENY_ASSUME_BOUNDARY: Layer = {
  policies: [
    {
      account: A,
      name: "deny-assume-boundary",
      document: policyDocument(allow("*", "*"), deny("sts:AssumeRole", "*")),
    },
  ],
  roles: [
    {
      account: A,
      name: "chaincheck-lambda-role",
      permissionsBoundary: `arn:aws:iam::${A}:policy/deny-assume-boundary`,
    },
  ],
};
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

  refusalTests(
    [
      {
        test: "denies with the plain text when B's trust policy names another role",
        layer: B_ROLE_TRUSTS_A_TESTER_ONLY,
        error: denied(plainDenial),
      },
      {
        test: "denies naming the missing identity policy when A's role lacks sts:AssumeRole",
        layer: LAMBDA_ROLE_CANNOT_ASSUME,
        error: denied(`${plainDenial} because no identity-based policy allows the sts:AssumeRole action`),
      },
      {
        test: "denies with the plain text when the ExternalId is wrong",
        extra: { ExternalId: "wrong-external-id" },
        error: denied(plainDenial),
      },
      {
        test: "denies with the plain text when the ExternalId is missing",
        extra: { ExternalId: undefined },
        error: denied(plainDenial),
      },
      {
        test: "refuses more than one hour for a chained session even when the role allows twelve",
        layer: { roles: [{ account: B, name: "chaincheck-redshift-role", maxSessionDuration: 43200 }] },
        extra: { DurationSeconds: 7200 },
        error: {
          name: "ValidationError",
          message:
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
          status: 400,
        },
      },
      {
        test: "denies an ARN with an empty account field as AccessDenied, not as not-found",
        extra: { RoleArn: EMPTY_ACCOUNT_ARN },
        error: denied(
          `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:AssumeRole on resource: ${EMPTY_ACCOUNT_ARN}`,
        ),
      },
      {
        test: "denies a role that does not exist with the same AccessDenied text",
        extra: { RoleArn: MISSING_ROLE_ARN },
        error: denied(
          `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:AssumeRole on resource: ${MISSING_ROLE_ARN}`,
        ),
      },
      {
        test: "names the service control policy that explicitly denies sts:AssumeRole in account A",
        layer: DENY_ASSUME_SCP,
        error: denied(
          `${plainDenial} with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-chaincheck01/service_control_policy/p-denyassume1`,
        ),
      },
      {
        test: "names the permissions boundary that explicitly denies sts:AssumeRole",
        layer: DENY_ASSUME_BOUNDARY,
        error: denied(
          `${plainDenial} with an explicit deny in a permissions boundary: arn:aws:iam::${A}:policy/deny-assume-boundary`,
        ),
      },
    ].map(({ extra, ...row }) => ({
      ...row,
      call: (e) => stsClient(e, lambdaCredentials(e)).send(assume(extra)),
    })),
  );

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
