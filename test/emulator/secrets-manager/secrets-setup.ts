import type { Caller } from "../../../emulator/core/types.ts";
import type { RunningEmulator, SetupLayer, World } from "../../../emulator/index.ts";
import { loadWorld, startEmulator } from "../../../emulator/index.ts";
import { credentialsFor } from "../../../emulator/world/credentials-for.ts";
import { B, REGION } from "../../support/constants.ts";
import { type Layer, mergeLayers, seedWith } from "../../support/emulator-fixture.ts";
import { policyDocument } from "../../support/policy-layers.ts";

export const ROLE_SESSION_ARN = `arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck`;
export const B_KEY_ID = "1234abcd-12ab-4cd1-8ef0-1234567890ab";
export const B_KEY_ARN = `arn:aws:kms:${REGION}:${B}:key/${B_KEY_ID}`;
export const DISABLED_KEY_ID = "0000abcd-12ab-4cd1-8ef0-1234567890ab";
export const secretArn = (name: string, suffix: string, account = B) =>
  `arn:aws:secretsmanager:${REGION}:${account}:secret:${name}-${suffix}`;
export const APP_USER_ARN = secretArn("chaincheck/app_user", "AbCdEf");
export const KMS_SECRET_ARN = secretArn("chaincheck/kms-app-user", "KmsKey");
export const BAD_JSON_ARN = secretArn("chaincheck/bad-json", "BadJsn");
export const WRONG_KEYS_ARN = secretArn("chaincheck/wrong-keys", "WrKeys");
export const UNTAGGED_ARN = secretArn("chaincheck/untagged", "NoTags");
export const DISABLED_KEY_SECRET_ARN = secretArn("chaincheck/disabled-key", "DisKey");
export const EMPTY_SECRET_ARN = secretArn("chaincheck/no-value", "NoValu");

const tagged = { RedshiftDataFullAccess: "true" };

export const SECRETS_LAYER: Layer = {
  kmsKeys: [
    { account: B, region: REGION, id: B_KEY_ID, aliases: ["alias/chaincheck-secrets"] },
    { account: B, region: REGION, id: DISABLED_KEY_ID, enabled: false },
  ],
  secrets: [
    {
      account: B,
      region: REGION,
      name: "chaincheck/kms-app-user",
      arnSuffix: "KmsKey",
      kmsKeyId: "alias/chaincheck-secrets",
      secretJson: {
        username: "app_user",
        password: "kms-protected-pw",
        dbClusterIdentifier: "chaincheck-cluster",
      },
      tags: tagged,
    },
    {
      account: B,
      region: REGION,
      name: "chaincheck/bad-json",
      arnSuffix: "BadJsn",
      secretString: "username=app_user password=not-json-pw",
      tags: tagged,
    },
    {
      account: B,
      region: REGION,
      name: "chaincheck/wrong-keys",
      arnSuffix: "WrKeys",
      secretJson: { user: "app_user", pass: "wrong-keys-pw" },
      tags: tagged,
    },
    {
      account: B,
      region: REGION,
      name: "chaincheck/untagged",
      arnSuffix: "NoTags",
      secretJson: { username: "app_user", password: "untagged-pw" },
    },
    {
      account: B,
      region: REGION,
      name: "chaincheck/disabled-key",
      arnSuffix: "DisKey",
      kmsKeyId: DISABLED_KEY_ID,
      secretJson: { username: "app_user", password: "disabled-key-pw" },
      tags: tagged,
    },
    { account: B, region: REGION, name: "chaincheck/no-value", arnSuffix: "NoValu", tags: tagged },
  ],
};

export const KMS_DECRYPT_FOR_ROLE: Layer = {
  roles: [
    {
      account: B,
      name: "chaincheck-redshift-role",
      inlinePolicies: [
        {
          name: "decrypt-secrets",
          document: policyDocument({ Effect: "Allow", Action: "kms:Decrypt", Resource: B_KEY_ARN }),
        },
      ],
    },
  ],
};

export function startSecrets(...layers: Layer[]): Promise<RunningEmulator> {
  return startEmulator({ setup: withLayers(...layers) });
}

export function withLayers(...layers: Layer[]): SetupLayer {
  return seedWith(mergeLayers(SECRETS_LAYER, ...layers));
}

export function worldWith(...layers: Array<Layer>): World {
  return loadWorld(withLayers(...layers));
}

export function callerFor(world: World, principal: string): Caller {
  const { accessKeyId } = credentialsFor(world, principal);
  return world.findCredential(accessKeyId)!.caller;
}
