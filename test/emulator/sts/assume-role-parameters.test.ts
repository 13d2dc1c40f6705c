import { createHash } from "node:crypto";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { describe, expect } from "vitest";
import { assumeChainRole as assume, failure, lambdaCredentials, stsClient } from "../../support/clients.ts";
import { A, LAMBDA_ROLE_ARN, LAMBDA_SESSION_ARN, REDSHIFT_ROLE_ARN } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";

describe("AssumeRole parameters", () => {
  test("refuses a duration above the role's MaxSessionDuration when not chaining", async ({ start }) => {
    const e = await start();
    expect(
      await failure(
        stsClient(e, e.credentials("A:tester")).send(
          new AssumeRoleCommand({
            RoleArn: LAMBDA_ROLE_ARN,
            RoleSessionName: "local",
            DurationSeconds: 7200,
          }),
        ),
      ),
    ).toEqual({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      status: 400,
    });
  });

  test("refuses a session name with characters outside the pattern", async ({ start }) => {
    const e = await start();
    const name = "PowerUser/hjacobs";
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ RoleSessionName: name })))).toEqual(
      {
        name: "ValidationError",
        message: `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
        status: 400,
      },
    );
  });

  test("refuses a session name longer than 64 characters", async ({ start }) => {
    const e = await start();
    const name = "s".repeat(65);
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ RoleSessionName: name })))).toEqual(
      {
        name: "ValidationError",
        message: `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
        status: 400,
      },
    );
  });

  test("refuses a duration below 900 seconds", async ({ start }) => {
    const e = await start();
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ DurationSeconds: 600 })))).toEqual({
      name: "ValidationError",
      message:
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      status: 400,
    });
  });

  test("denies session tags when neither side allows sts:TagSession", async ({ start }) => {
    const e = await start();
    expect(
      await failure(
        stsClient(e, lambdaCredentials(e)).send(assume({ Tags: [{ Key: "team", Value: "data" }] })),
      ),
    ).toEqual({
      name: "AccessDenied",
      message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:TagSession on resource: ${REDSHIFT_ROLE_ARN} because no identity-based policy allows the sts:TagSession action`,
      status: 403,
    });
  });

  test("refuses session tags whose packed size exceeds the allotted space", async ({ start }) => {
    const e = await start();
    const tags = Array.from({ length: 40 }, (_, i) => ({
      Key: `key-${i}-${"k".repeat(20)}`,
      Value: createHash("sha256").update(`value-${i}`).digest("hex"),
    }));
    expect(
      await failure(
        stsClient(e, e.credentials("A:tester")).send(
          new AssumeRoleCommand({ RoleArn: LAMBDA_ROLE_ARN, RoleSessionName: "local", Tags: tags }),
        ),
      ),
    ).toEqual({
      name: "PackedPolicyTooLargeException",
      message: "Packed size of session tags consumes 300% of allotted space.",
      status: 400,
    });
  });

  test("rejects a malformed session policy", async ({ start }) => {
    const e = await start();
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(assume({ Policy: "{not json" })))).toEqual({
      name: "MalformedPolicyDocumentException",
      message: "Syntax errors in policy.",
      status: 400,
    });
  });

  test("reports the packed size of an accepted session policy", async ({ start }) => {
    const e = await start();
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "redshift-data:*", Resource: "*" }],
    });
    const result = await stsClient(e, lambdaCredentials(e)).send(assume({ Policy: policy }));
    expect(result.PackedPolicySize).toBeGreaterThan(0);
    expect(result.PackedPolicySize).toBeLessThan(100);
  });

  test("answers ExpiredToken once the caller's session has expired", async ({ start }) => {
    let offsetMs = -2 * 3600 * 1000;
    const e = await start({}, { clock: () => new Date(Date.now() + offsetMs) });
    const credentials = lambdaCredentials(e);
    offsetMs = 0;
    expect(await failure(stsClient(e, credentials).send(new GetCallerIdentityCommand({})))).toEqual({
      name: "ExpiredToken",
      message: "The security token included in the request is expired",
      status: 403,
    });
  });

  test("refuses GetSessionToken with session credentials", async ({ start }) => {
    const e = await start();
    expect(await failure(stsClient(e, lambdaCredentials(e)).send(new GetSessionTokenCommand({})))).toEqual({
      name: "AccessDenied",
      message: "Cannot call GetSessionToken with session credentials",
      status: 403,
    });
  });

  test("issues a user session token that keeps the user's identity", async ({ start }) => {
    const e = await start();
    const token = await stsClient(e, e.credentials("A:tester")).send(
      new GetSessionTokenCommand({ DurationSeconds: 900 }),
    );
    const identity = await stsClient(e, {
      accessKeyId: token.Credentials!.AccessKeyId!,
      secretAccessKey: token.Credentials!.SecretAccessKey!,
      sessionToken: token.Credentials!.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:iam::${A}:user/tester`);
    expect(token.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});
