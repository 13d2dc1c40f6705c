import { describe, expect, test } from "vitest";
import { readSecretForService, SecretReadError } from "../../../emulator/secrets-manager/index.ts";
import { REDSHIFT_ROLE_ARN, REGION } from "../../support/constants.ts";
import {
  APP_USER_ARN,
  B_KEY_ARN,
  BAD_JSON_ARN,
  callerFor,
  DISABLED_KEY_SECRET_ARN,
  KMS_DECRYPT_FOR_ROLE,
  KMS_SECRET_ARN,
  ROLE_SESSION_ARN,
  secretArn,
  UNTAGGED_ARN,
  WRONG_KEYS_ARN,
  worldWith,
} from "./secrets-setup.ts";

function readError(fn: () => unknown): SecretReadError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretReadError) return error;
    throw error;
  }
  throw new Error("expected readSecretForService to throw");
}

describe("readSecretForService (the Data API's SecretArn mode)", () => {
  test("returns username, password and dbClusterIdentifier for B's role", () => {
    const world = worldWith();
    const out = readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), APP_USER_ARN, REGION);
    expect(out).toMatchObject({
      username: "app_user",
      password: "chaincheck-app-user-pw",
      dbClusterIdentifier: "chaincheck-cluster",
      secretArn: APP_USER_ARN,
      secretName: "chaincheck/app_user",
    });
  });

  test("fails as ValidationException when the secret is not JSON, without the value in the message", () => {
    const world = worldWith();
    const err = readError(() =>
      readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), BAD_JSON_ARN, REGION),
    );
    expect(err).toMatchObject({
      code: "ValidationException",
      status: 400,
      message: "username and password in secret cannot be empty",
      reason: "malformed",
    });
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain("not-json-pw");
  });

  test("fails as ValidationException when the JSON lacks the username and password keys", () => {
    const world = worldWith();
    const err = readError(() =>
      readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), WRONG_KEYS_ARN, REGION),
    );
    expect(err).toMatchObject({
      message: "username and password in secret cannot be empty",
      reason: "malformed",
    });
  });

  test("fails as ValidationException carrying Secrets Manager's denial when the secret lacks the managed policy's tag", () => {
    const world = worldWith();
    const err = readError(() =>
      readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), UNTAGGED_ARN, REGION),
    );
    expect(err).toMatchObject({
      code: "ValidationException",
      status: 400,
      message: `User: ${ROLE_SESSION_ARN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${UNTAGGED_ARN} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      reason: "access-denied",
      secretsManagerCode: "AccessDeniedException",
    });
  });

  test("fails with Access to KMS is not allowed when the role may not use the secret's key", () => {
    const world = worldWith();
    const err = readError(() =>
      readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), KMS_SECRET_ARN, REGION),
    );
    expect(err).toMatchObject({
      code: "ValidationException",
      message: "Access to KMS is not allowed",
      reason: "kms-denied",
    });
  });

  test("reads a KMS-protected secret when the role may decrypt with the key", () => {
    const world = worldWith(KMS_DECRYPT_FOR_ROLE);
    const out = readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), KMS_SECRET_ARN, REGION);
    expect(out.password).toBe("kms-protected-pw");
  });

  test("reports a disabled key as a decryption failure", () => {
    const world = worldWith();
    const err = readError(() =>
      readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), DISABLED_KEY_SECRET_ARN, REGION),
    );
    expect(err).toMatchObject({
      message: "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
      reason: "decryption-failure",
      secretsManagerCode: "DecryptionFailure",
    });
  });

  test("reports a secret that does not exist when IAM allows every secret", () => {
    const world = worldWith();
    const missing = secretArn("chaincheck/missing", "Zzzzzz");
    const err = readError(() => readSecretForService(world, callerFor(world, "B:admin"), missing, REGION));
    expect(err).toMatchObject({
      message: "Secrets Manager can't find the specified secret.",
      reason: "not-found",
      secretsManagerCode: "ResourceNotFoundException",
    });
  });

  test("finds nothing for a secret ARN of another region", () => {
    const world = worldWith();
    const err = readError(() =>
      readSecretForService(world, callerFor(world, "B:admin"), APP_USER_ARN, "us-east-1"),
    );
    expect(err.reason).toBe("not-found");
  });

  test("records the implicit decisions under the request id it is given", () => {
    const world = worldWith();
    readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), APP_USER_ARN, REGION, {
      requestId: "req-1",
    });
    const entries = world.listDecisions().filter((d) => d.requestId === "req-1");
    expect(entries.map((d) => [d.action, d.resource, d.result.decision])).toEqual([
      ["secretsmanager:GetSecretValue", APP_USER_ARN, "Allow"],
    ]);
    expect(JSON.stringify(entries)).not.toContain("chaincheck-app-user-pw");
  });

  test("records the kms:Decrypt on the secret's key next to the GetSecretValue", () => {
    const world = worldWith(KMS_DECRYPT_FOR_ROLE);
    readSecretForService(world, callerFor(world, REDSHIFT_ROLE_ARN), KMS_SECRET_ARN, REGION, {
      requestId: "req-2",
    });
    const entries = world.listDecisions().filter((d) => d.requestId === "req-2");
    expect(entries.map((d) => [d.action, d.resource, d.result.decision])).toEqual([
      ["secretsmanager:GetSecretValue", KMS_SECRET_ARN, "Allow"],
      ["kms:Decrypt", B_KEY_ARN, "Allow"],
    ]);
  });
});
