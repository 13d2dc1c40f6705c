import type { SetupLayer } from "../../../emulator/index.ts";
import { kmsClient } from "../../support/clients.ts";
import { A, B, COPY_ROLE_ARN, REGION } from "../../support/constants.ts";
import { fileEmulator, seedWith } from "../../support/emulator-fixture.ts";
import { keyAdminStatement, policyDocument } from "../../support/policy-layers.ts";

export const KEY_ID = "5e1f2a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
export const KEY_ARN = `arn:aws:kms:${REGION}:${A}:key/${KEY_ID}`;
export const KEY_ALIAS = "alias/chaincheck-copy";
export const DISABLED_KEY_ID = "0d15ab1e-0000-4000-8000-00000000d15a";
export const DISABLED_KEY_ARN = `arn:aws:kms:${REGION}:${A}:key/${DISABLED_KEY_ID}`;
export const COPY_SESSION_ARN = `arn:aws:sts::${B}:assumed-role/chaincheck-copy-role/chaincheck`;
export const COPY_CONTEXT = { purpose: "copy" };

/** A key policy letting only B's COPY role decrypt: it locks out every administrator, A's tester included. */
export const COPY_ROLE_ONLY_KEY_POLICY = JSON.stringify(
  policyDocument({
    Effect: "Allow",
    Principal: { AWS: COPY_ROLE_ARN },
    Action: "kms:Decrypt",
    Resource: "*",
  }),
);

export const keyPolicy = {
  Version: "2012-10-17",
  Id: "chaincheck-copy-key",
  Statement: [
    keyAdminStatement(A),
    {
      Sid: "CopyRoleDecryptsCopyData",
      Effect: "Allow",
      Principal: { AWS: COPY_ROLE_ARN },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": B, "kms:EncryptionContext:purpose": "copy" },
      },
    },
  ],
};

export const KMS_SETUP: SetupLayer = seedWith({
  kmsKeys: [
    {
      account: A,
      region: REGION,
      id: KEY_ID,
      aliases: [KEY_ALIAS],
      description: "Protects the COPY source",
      policy: keyPolicy,
    },
    {
      account: A,
      region: REGION,
      id: DISABLED_KEY_ID,
      aliases: ["alias/chaincheck-disabled"],
      enabled: false,
    },
  ],
  roles: [
    {
      account: B,
      name: "chaincheck-copy-role",
      inlinePolicies: [
        {
          name: "decrypt-copy-source",
          document: policyDocument({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN }),
        },
      ],
    },
  ],
});

export const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("utf8");

/** The file's emulator on KMS_SETUP, with KMS clients for A's tester and B's admin. */
export function kmsFileEmulator() {
  const emu = fileEmulator(KMS_SETUP);
  return {
    emu,
    tester: () => kmsClient(emu, emu.credentials("A:tester")),
    adminB: () => kmsClient(emu, emu.credentials("B:admin")),
  };
}
