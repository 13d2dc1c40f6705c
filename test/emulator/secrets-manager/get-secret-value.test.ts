import { GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator, StaticCredentials } from "../../../emulator/index.ts";
import { chainRoleCredentials, failure, secretsClient } from "../../support/clients.ts";
import { B } from "../../support/constants.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";
import {
  APP_USER_ARN,
  DISABLED_KEY_SECRET_ARN,
  EMPTY_SECRET_ARN,
  KMS_DECRYPT_FOR_ROLE,
  KMS_SECRET_ARN,
  ROLE_SESSION_ARN,
  secretArn,
  startSecrets,
  UNTAGGED_ARN,
} from "./secrets-setup.ts";

const get = (SecretId: string, extra: Partial<ConstructorParameters<typeof GetSecretValueCommand>[0]> = {}) =>
  new GetSecretValueCommand({ SecretId, ...extra });

const MISSING_VERSION = "00000000-0000-4000-8000-000000000000";

describe("GetSecretValue as B's role with AmazonRedshiftDataFullAccess", () => {
  let emu: RunningEmulator;
  let creds: StaticCredentials;
  beforeAll(async () => {
    emu = await startSecrets();
    creds = await chainRoleCredentials(emu);
  });
  afterAll(() => emu.stop());

  test("returns the tagged seed secret by name with its ARN, version and AWSCURRENT stage", async () => {
    const out = await secretsClient(emu, creds).send(get("chaincheck/app_user"));
    expect(out.ARN).toBe(APP_USER_ARN);
    expect(out.Name).toBe("chaincheck/app_user");
    expect(JSON.parse(out.SecretString!)).toEqual({
      username: "app_user",
      password: "chaincheck-app-user-pw",
      dbClusterIdentifier: "chaincheck-cluster",
    });
    expect(out.VersionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(out.VersionStages).toEqual(["AWSCURRENT"]);
    expect(out.CreatedDate).toBeInstanceOf(Date);
  });

  test("returns the same secret by full ARN and by partial ARN without the random suffix", async () => {
    const client = secretsClient(emu, creds);
    const byArn = await client.send(get(APP_USER_ARN));
    const byPartial = await client.send(
      get(`arn:aws:secretsmanager:ap-northeast-1:${B}:secret:chaincheck/app_user`),
    );
    expect(byArn.ARN).toBe(APP_USER_ARN);
    expect(byPartial.ARN).toBe(APP_USER_ARN);
  });

  test("denies an unknown secret before looking it up, since it has no tag for the managed policy to match", async () => {
    expect(
      await failure(secretsClient(emu, creds).send(get(secretArn("chaincheck/missing", "Zzzzzz")))),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: ${ROLE_SESSION_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretArn("chaincheck/missing", "Zzzzzz")} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      status: 400,
    });
  });

  test("denies an untagged secret naming the SecretId as passed and the missing identity policy", async () => {
    expect(await failure(secretsClient(emu, creds).send(get("chaincheck/untagged")))).toEqual({
      name: "AccessDeniedException",
      message: `User: ${ROLE_SESSION_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: chaincheck/untagged because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      status: 400,
    });
  });

  test("denies an untagged secret by ARN with the ARN in the message", async () => {
    const err = await failure(secretsClient(emu, creds).send(get(UNTAGGED_ARN)));
    expect(err.message).toBe(
      `User: ${ROLE_SESSION_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${UNTAGGED_ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    );
  });

  test.for<[string, () => Promise<unknown>, [string, string]]>([
    [
      "refuses a secret under a customer managed key the role may not decrypt",
      () => secretsClient(emu, creds).send(get(KMS_SECRET_ARN)),
      ["AccessDeniedException", "Access to KMS is not allowed"],
    ],
    [
      "answers DecryptionFailure when the secret's key is disabled",
      () => secretsClient(emu, creds).send(get(DISABLED_KEY_SECRET_ARN)),
      [
        "DecryptionFailure",
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
      ],
    ],
    [
      "answers ResourceNotFoundException naming AWSCURRENT for a secret without a value",
      () => secretsClient(emu, creds).send(get(EMPTY_SECRET_ARN)),
      [
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      ],
    ],
    [
      "answers ResourceNotFoundException naming the VersionId that does not exist",
      () => secretsClient(emu, creds).send(get(APP_USER_ARN, { VersionId: MISSING_VERSION })),
      [
        "ResourceNotFoundException",
        `Secrets Manager can't find the specified secret value for VersionId: ${MISSING_VERSION}`,
      ],
    ],
    [
      "finds nothing when the ARN names another region than the endpoint's",
      () => secretsClient(emu, emu.credentials("B:admin"), "us-east-1").send(get(APP_USER_ARN)),
      ["ResourceNotFoundException", "Secrets Manager can't find the specified secret."],
    ],
  ])("%s", async ([, call, [name, message]]) => {
    expect(await failure(call())).toEqual({ name, message, status: 400 });
  });
});

describe("GetSecretValue with resource-wide permissions", () => {
  test("answers ResourceNotFoundException for an unknown secret when IAM allows every secret", async () => {
    const emu = await startSecrets();
    try {
      expect(
        await failure(secretsClient(emu, emu.credentials("B:admin")).send(get("chaincheck/missing"))),
      ).toEqual({
        name: "ResourceNotFoundException",
        message: "Secrets Manager can't find the specified secret.",
        status: 400,
      });
    } finally {
      await emu.stop();
    }
  });

  test("returns the KMS-protected secret once the role may use the key", async () => {
    const emu = await startSecrets(KMS_DECRYPT_FOR_ROLE);
    try {
      const out = await secretsClient(emu, await chainRoleCredentials(emu)).send(get(KMS_SECRET_ARN));
      expect(JSON.parse(out.SecretString!).password).toBe("kms-protected-pw");
    } finally {
      await emu.stop();
    }
  });

  test("refuses the KMS-protected secret when the key policy names only another principal", async () => {
    const emu = await startSecrets(KMS_DECRYPT_FOR_ROLE, {
      kmsKeys: [
        {
          account: B,
          region: "ap-northeast-1",
          id: "1234abcd-12ab-4cd1-8ef0-1234567890ab",
          policy: policyDocument(allow("kms:*", "*", { Principal: { AWS: `arn:aws:iam::${B}:user/admin` } })),
        },
      ],
    });
    try {
      expect(
        await failure(secretsClient(emu, await chainRoleCredentials(emu)).send(get(KMS_SECRET_ARN))),
      ).toEqual({
        name: "AccessDeniedException",
        message: "Access to KMS is not allowed",
        status: 400,
      });
    } finally {
      await emu.stop();
    }
  });
});
