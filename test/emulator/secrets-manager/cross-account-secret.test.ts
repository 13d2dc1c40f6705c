import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { describe, expect } from "vitest";
import type { SetupLayer } from "../../../emulator/index.ts";
import { failure, lambdaCredentials, secretsClient } from "../../support/clients.ts";
import { A, B, LAMBDA_ROLE_ARN, LAMBDA_SESSION_ARN, REGION } from "../../support/constants.ts";
import { type Layer, type StartEmulator, test } from "../../support/emulator-fixture.ts";
import { allow, inlinePolicyLayer, keyAdminStatement, policyDocument } from "../../support/policy-layers.ts";
import { B_KEY_ARN, B_KEY_ID, secretArn, withLayers } from "./secrets-setup.ts";

const SHARED_ARN = secretArn("chaincheck/shared", "Shared");
const DEFAULT_KEY_ARN = secretArn("chaincheck/shared-default-key", "DefKey");
const NOT_SHARED_ARN = secretArn("chaincheck/not-shared", "NotShr");

const readPolicy = (effect: "Allow" | "Deny" = "Allow") =>
  policyDocument({
    Effect: effect,
    Principal: { AWS: LAMBDA_ROLE_ARN },
    Action: "secretsmanager:GetSecretValue",
    Resource: "*",
  });

const keyPolicy = (principals: string[]) =>
  policyDocument(keyAdminStatement(B), {
    Sid: "LambdaDecrypts",
    ...allow("kms:Decrypt", "*", { Principal: { AWS: principals } }),
  });

const CROSS_ACCOUNT: Omit<SetupLayer, "extends"> = {
  roles: [
    {
      account: A,
      name: "chaincheck-lambda-role",
      inlinePolicies: [
        {
          name: "read-b-secrets",
          document: policyDocument(
            { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
            { Effect: "Allow", Action: "kms:Decrypt", Resource: B_KEY_ARN },
          ),
        },
      ],
    },
  ],
  kmsKeys: [{ account: B, region: REGION, id: B_KEY_ID, policy: keyPolicy([LAMBDA_ROLE_ARN]) }],
  secrets: [
    {
      account: B,
      region: REGION,
      name: "chaincheck/shared",
      arnSuffix: "Shared",
      kmsKeyId: B_KEY_ID,
      secretJson: { username: "app_user", password: "shared-pw" },
      policy: readPolicy(),
    },
    {
      account: B,
      region: REGION,
      name: "chaincheck/shared-default-key",
      arnSuffix: "DefKey",
      secretJson: { username: "app_user", password: "default-key-pw" },
      policy: readPolicy(),
    },
    {
      account: B,
      region: REGION,
      name: "chaincheck/not-shared",
      arnSuffix: "NotShr",
      kmsKeyId: B_KEY_ID,
      secretJson: { username: "app_user", password: "not-shared-pw" },
    },
  ],
};

async function readAsLambda(start: StartEmulator, secretId: string, ...layers: Layer[]) {
  const emu = await start(withLayers(CROSS_ACCOUNT, ...layers));
  return secretsClient(emu, lambdaCredentials(emu)).send(new GetSecretValueCommand({ SecretId: secretId }));
}

const notAuthorized = `User: ${LAMBDA_SESSION_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource:`;

describe("A's Lambda session reading a secret in B", () => {
  test("reads it by full ARN when the secret policy, the key policy and A's identity policy all allow", async ({
    start,
  }) => {
    const out = await readAsLambda(start, SHARED_ARN);
    expect(out.ARN).toBe(SHARED_ARN);
    expect(JSON.parse(out.SecretString!).password).toBe("shared-pw");
  });

  test("reads it by partial ARN naming B's account", async ({ start }) => {
    const out = await readAsLambda(start, `arn:aws:secretsmanager:${REGION}:${B}:secret:chaincheck/shared`);
    expect(out.ARN).toBe(SHARED_ARN);
  });

  test.for<[string, string, Layer, string, string]>([
    [
      "does not find it by name, which looks in the caller's own account",
      "chaincheck/shared",
      {},
      "ResourceNotFoundException",
      "Secrets Manager can't find the specified secret.",
    ],
    [
      "is denied without a secret policy, with the plain text AWS gives for another account's resource",
      NOT_SHARED_ARN,
      {},
      "AccessDeniedException",
      `${notAuthorized} ${NOT_SHARED_ARN}`,
    ],
    [
      "is denied by an explicit Deny in the secret policy",
      SHARED_ARN,
      { secrets: [{ account: B, region: REGION, name: "chaincheck/shared", policy: readPolicy("Deny") }] },
      "AccessDeniedException",
      `${notAuthorized} ${SHARED_ARN}`,
    ],
    [
      "is denied without A's identity policy even though the secret policy allows",
      SHARED_ARN,
      {
        roles: [
          {
            account: A,
            name: "chaincheck-lambda-role",
            inlinePolicies: [{ name: "read-b-secrets", $delete: true }],
          },
        ],
      },
      "AccessDeniedException",
      `${notAuthorized} ${SHARED_ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    ],
    [
      "gets Access to KMS is not allowed for a secret under the AWS managed key",
      DEFAULT_KEY_ARN,
      {},
      "AccessDeniedException",
      "Access to KMS is not allowed",
    ],
    [
      "gets Access to KMS is not allowed when the key policy does not name A's role",
      SHARED_ARN,
      {
        kmsKeys: [
          { account: B, region: REGION, id: B_KEY_ID, policy: keyPolicy([`arn:aws:iam::${B}:user/admin`]) },
        ],
      },
      "AccessDeniedException",
      "Access to KMS is not allowed",
    ],
    [
      "gets Access to KMS is not allowed when A's identity policy does not allow kms:Decrypt",
      SHARED_ARN,
      inlinePolicyLayer(
        A,
        "chaincheck-lambda-role",
        "read-b-secrets",
        allow("secretsmanager:GetSecretValue", "*"),
      ),
      "AccessDeniedException",
      "Access to KMS is not allowed",
    ],
  ])("%s", async ([, secretId, layer, name, message], { start }) => {
    expect(await failure(readAsLambda(start, secretId, layer))).toEqual({ name, message, status: 400 });
  });
});
