import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-secrets-manager";
import type { ParityCase } from "../support/parity-case.ts";
import type { ParityRun } from "../support/parity-run.ts";

const createSecret = (t: ParityRun, input: ConstructorParameters<typeof CreateSecretCommand>[0]) =>
  t.clients.secrets.send(new CreateSecretCommand(input));
const getValue = (t: ParityRun, input: ConstructorParameters<typeof GetSecretValueCommand>[0]) =>
  t.clients.secrets.send(new GetSecretValueCommand(input));

const anyoneMayRead = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }],
};

const withoutMetadata = ({ ResponseMetadata: _, ...rest }: Record<string, unknown>) => rest;

export const secretsManagerCases: ParityCase[] = [
  {
    key: "TestSecretsManager::test_call_lists_secrets_multiple_times",
    async run(t) {
      const Name = t.name("s");
      await t.match(
        "create_secret_rs_1",
        createSecret(t, { Name, SecretString: "my_secret", Description: "testing creation of secrets" }),
        withoutMetadata,
      );
      for (const i of [0, 1, 2]) {
        await t.match(`list_secrets_res_${i}`, t.clients.secrets.send(new ListSecretsCommand({})), (a) => ({
          SecretList: (a.SecretList as { Name?: string }[]).filter((s) => s.Name === Name),
        }));
      }
      await t.match(
        "delete_secret_res_1",
        t.clients.secrets.send(new DeleteSecretCommand({ SecretId: Name })),
        withoutMetadata,
      );
    },
  },
  {
    key: "TestSecretsManager::test_resource_policy",
    async run(t) {
      const SecretId = t.name("s");
      await t.call(
        createSecret(t, {
          Name: SecretId,
          SecretString: "my_secret",
          Description: "testing creation of secrets",
        }),
      );
      await t.match(
        "put_resource_policy",
        t.clients.secrets.send(
          new PutResourcePolicyCommand({ SecretId, ResourcePolicy: JSON.stringify(anyoneMayRead) }),
        ),
      );
      await t.match(
        "get_resource_policy",
        t.clients.secrets.send(new GetResourcePolicyCommand({ SecretId })),
        (a) => ({
          ...a,
          ResourcePolicy: JSON.parse(String(a.ResourcePolicy)),
        }),
      );
      await t.call(t.clients.secrets.send(new DeleteResourcePolicyCommand({ SecretId })));
    },
  },
  {
    key: "TestSecretsManager::test_get_secret_value_errors",
    async run(t) {
      const Name = t.name("s");
      const created = await t.call(createSecret(t, { Name, SecretString: "test" }));
      await t.match(
        "error_get_secret_value_non_existing",
        getValue(t, { SecretId: created.ARN, VersionStage: "AWSPREVIOUS" }),
      );
      await t.match(
        "mismatch_version_id_and_stage",
        getValue(t, { SecretId: Name, VersionId: created.VersionId, VersionStage: "AWSPREVIOUS" }),
      );
    },
  },
  {
    key: "TestSecretsManager::test_secret_version_not_found",
    async run(t) {
      const SecretId = t.name("s");
      await t.call(createSecret(t, { Name: SecretId }));
      const versionId = crypto.randomUUID();
      await t.matchErrorText("get_secret_value_no_version_ex", "GetSecretValue", getValue(t, { SecretId }));
      await t.matchErrorText(
        "get_secret_value_version_not_found_ex",
        "GetSecretValue",
        getValue(t, { SecretId, VersionId: versionId }),
      );
      await t.matchErrorText(
        "get_secret_value_stage_not_found_ex",
        "GetSecretValue",
        getValue(t, { SecretId, VersionStage: "AWSPENDING" }),
      );
    },
  },
];
