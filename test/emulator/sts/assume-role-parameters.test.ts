import { createHash } from "node:crypto";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { assumeChainRole as assume, failure, lambdaCredentials, stsClient } from "../../support/clients.ts";
import { A, LAMBDA_ROLE_ARN, LAMBDA_SESSION_ARN, REDSHIFT_ROLE_ARN } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import { policyDocument } from "../../support/policy-layers.ts";
import { refusalTests } from "../../support/refusals.ts";

const asTester = (e: RunningEmulator) => stsClient(e, e.credentials("A:tester"));
const asLambda = (e: RunningEmulator) => stsClient(e, lambdaCredentials(e));
const BAD_NAME = "PowerUser/hjacobs";
const LONG_NAME = "s".repeat(65);
const LARGE_TAGS = Array.from({ length: 40 }, (_, i) => ({
  Key: `key-${i}-${"k".repeat(20)}`,
  Value: createHash("sha256").update(`value-${i}`).digest("hex"),
}));
const validation = (message: string) => ({ name: "ValidationError", message, status: 400 });

describe("AssumeRole refusals", () => {
  refusalTests([
    {
      test: "refuses a duration above the role's MaxSessionDuration when not chaining",
      call: (e) =>
        asTester(e).send(
          new AssumeRoleCommand({
            RoleArn: LAMBDA_ROLE_ARN,
            RoleSessionName: "local",
            DurationSeconds: 7200,
          }),
        ),
      error: validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
    },
    {
      test: "refuses a session name with characters outside the pattern",
      call: (e) => asLambda(e).send(assume({ RoleSessionName: BAD_NAME })),
      error: validation(
        `1 validation error detected: Value '${BAD_NAME}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      ),
    },
    {
      test: "refuses a session name longer than 64 characters",
      call: (e) => asLambda(e).send(assume({ RoleSessionName: LONG_NAME })),
      error: validation(
        `1 validation error detected: Value '${LONG_NAME}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      ),
    },
    {
      test: "refuses a duration below 900 seconds",
      call: (e) => asLambda(e).send(assume({ DurationSeconds: 600 })),
      error: validation(
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      ),
    },
    {
      test: "denies session tags when neither side allows sts:TagSession",
      call: (e) => asLambda(e).send(assume({ Tags: [{ Key: "team", Value: "data" }] })),
      error: {
        name: "AccessDenied",
        message: `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: sts:TagSession on resource: ${REDSHIFT_ROLE_ARN} because no identity-based policy allows the sts:TagSession action`,
        status: 403,
      },
    },
    {
      test: "refuses session tags whose packed size exceeds the allotted space",
      call: (e) =>
        asTester(e).send(
          new AssumeRoleCommand({ RoleArn: LAMBDA_ROLE_ARN, RoleSessionName: "local", Tags: LARGE_TAGS }),
        ),
      error: {
        name: "PackedPolicyTooLargeException",
        message: "Packed size of session tags consumes 300% of allotted space.",
        status: 400,
      },
    },
    {
      test: "rejects a malformed session policy",
      call: (e) => asLambda(e).send(assume({ Policy: "{not json" })),
      error: { name: "MalformedPolicyDocumentException", message: "Syntax errors in policy.", status: 400 },
    },
    {
      test: "refuses GetSessionToken with session credentials",
      call: (e) => asLambda(e).send(new GetSessionTokenCommand({})),
      error: {
        name: "AccessDenied",
        message: "Cannot call GetSessionToken with session credentials",
        status: 403,
      },
    },
  ]);
});

describe("AssumeRole parameters", () => {
  test("reports the packed size of an accepted session policy", async ({ start }) => {
    const e = await start();
    const policy = JSON.stringify(
      policyDocument({ Effect: "Allow", Action: "redshift-data:*", Resource: "*" }),
    );
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
