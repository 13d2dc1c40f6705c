import { DeleteRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  DecryptCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  PutKeyPolicyCommand,
} from "@aws-sdk/client-kms";
import { describe, expect } from "vitest";
import type { RunningEmulator } from "../../../emulator/index.ts";
import { failure, iamClient, kmsClient } from "../../support/clients.ts";
import { A, COPY_ROLE_ARN } from "../../support/constants.ts";
import { test } from "../../support/emulator-fixture.ts";
import {
  COPY_CONTEXT,
  COPY_ROLE_ONLY_KEY_POLICY,
  COPY_SESSION_ARN,
  KEY_ARN,
  KEY_ID,
  KMS_SETUP,
  keyPolicy,
  text,
} from "./kms-setup.ts";

let emu: RunningEmulator;

test.beforeEach(async ({ start }) => {
  emu = await start(KMS_SETUP);
});

async function copyCiphertext(plaintext: string) {
  const out = await kmsClient(emu, emu.credentials("A:tester")).send(
    new EncryptCommand({ KeyId: KEY_ID, Plaintext: Buffer.from(plaintext), EncryptionContext: COPY_CONTEXT }),
  );
  return out.CiphertextBlob!;
}

describe("key policy and identity policy changes take effect on the next call", () => {
  test("after B removes the copy role's kms:Decrypt, the key policy alone does not let it decrypt", async () => {
    const blob = await copyCiphertext("id,region,amount");
    const copyRole = kmsClient(emu, emu.credentials(COPY_ROLE_ARN));
    const before = await copyRole.send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT }),
    );
    expect(text(before.Plaintext)).toBe("id,region,amount");

    await iamClient(emu, emu.credentials("B:admin")).send(
      new DeleteRolePolicyCommand({ RoleName: "chaincheck-copy-role", PolicyName: "decrypt-copy-source" }),
    );
    expect(
      await failure(
        copyRole.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT })),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: ${COPY_SESSION_ARN} is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Decrypt action`,
      status: 400,
    });
  });

  test("a key policy put without the copy role's statement denies it, and GetKeyPolicy returns the new text", async () => {
    const blob = await copyCiphertext("id,region,amount");
    const withoutCopyRole = JSON.stringify({ ...keyPolicy, Statement: [keyPolicy.Statement[0]] });
    const tester = kmsClient(emu, emu.credentials("A:tester"));
    await tester.send(
      new PutKeyPolicyCommand({ KeyId: KEY_ARN, PolicyName: "default", Policy: withoutCopyRole }),
    );

    const stored = await tester.send(new GetKeyPolicyCommand({ KeyId: KEY_ID }));
    expect(stored.Policy).toBe(withoutCopyRole);
    expect(
      await failure(
        kmsClient(emu, emu.credentials(COPY_ROLE_ARN)).send(
          new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT }),
        ),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: ${COPY_SESSION_ARN} is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no resource-based policy allows the kms:Decrypt action`,
      status: 400,
    });
  });

  test("BypassPolicyLockoutSafetyCheck lets a policy that locks the caller out through", async () => {
    const tester = kmsClient(emu, emu.credentials("A:tester"));
    await tester.send(
      new PutKeyPolicyCommand({
        KeyId: KEY_ID,
        Policy: COPY_ROLE_ONLY_KEY_POLICY,
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    expect(await failure(tester.send(new GetKeyPolicyCommand({ KeyId: KEY_ID })))).toEqual({
      name: "AccessDeniedException",
      message: `User: arn:aws:iam::${A}:user/tester is not authorized to perform: kms:GetKeyPolicy on resource: ${KEY_ARN} because no resource-based policy allows the kms:GetKeyPolicy action`,
      status: 400,
    });
  });
});
