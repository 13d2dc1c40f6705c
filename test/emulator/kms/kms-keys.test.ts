import {
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  ListAliasesCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
} from "@aws-sdk/client-kms";
import { describe, expect, test } from "vitest";
import { failure } from "../../support/clients.ts";
import { A, B, REGION } from "../../support/constants.ts";
import { allow, policyDocument } from "../../support/policy-layers.ts";
import {
  COPY_ROLE_ONLY_KEY_POLICY,
  DISABLED_KEY_ARN,
  DISABLED_KEY_ID,
  KEY_ALIAS,
  KEY_ARN,
  KEY_ID,
  kmsFileEmulator,
} from "./kms-setup.ts";

const { tester, adminB } = kmsFileEmulator();

describe("key lookup errors", () => {
  const missingId = "00000000-1111-4222-8333-444444444444";

  test.each([
    ["a key id", missingId, `Key 'arn:aws:kms:${REGION}:${A}:key/${missingId}' does not exist`],
    [
      "a key ARN",
      `arn:aws:kms:${REGION}:${A}:key/${missingId}`,
      `Key 'arn:aws:kms:${REGION}:${A}:key/${missingId}' does not exist`,
    ],
    ["an alias name", "alias/missing", `Alias arn:aws:kms:${REGION}:${A}:alias/missing is not found.`],
    [
      "an alias ARN",
      `arn:aws:kms:${REGION}:${A}:alias/missing`,
      `Alias arn:aws:kms:${REGION}:${A}:alias/missing is not found.`,
    ],
  ])("Encrypt with %s that does not resolve is NotFoundException", async (_what, keyId, message) => {
    expect(
      await failure(tester().send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("x") }))),
    ).toEqual({ name: "NotFoundException", message, status: 400 });
  });

  test("an alias name resolves in the caller's own account, so B cannot name A's alias", async () => {
    expect(await failure(adminB().send(new DescribeKeyCommand({ KeyId: KEY_ALIAS })))).toEqual({
      name: "NotFoundException",
      message: `Alias arn:aws:kms:${REGION}:${B}:alias/chaincheck-copy is not found.`,
      status: 400,
    });
  });

  test("Encrypt with a disabled key is DisabledException naming the key ARN", async () => {
    expect(
      await failure(
        tester().send(
          new EncryptCommand({ KeyId: "alias/chaincheck-disabled", Plaintext: Buffer.from("x") }),
        ),
      ),
    ).toEqual({
      name: "DisabledException",
      message: `${DISABLED_KEY_ARN} is disabled.`,
      status: 400,
    });
  });

  test("GenerateDataKey with a disabled key is DisabledException", async () => {
    const err = await failure(
      tester().send(new GenerateDataKeyCommand({ KeyId: DISABLED_KEY_ID, KeySpec: "AES_256" })),
    );
    expect(err.name).toBe("DisabledException");
  });
});

describe("DescribeKey, ListKeys, ListAliases", () => {
  test("DescribeKey returns AWS's KeyMetadata shape for a customer managed key", async () => {
    const out = await tester().send(new DescribeKeyCommand({ KeyId: KEY_ALIAS }));
    const { CreationDate, ...rest } = out.KeyMetadata!;
    expect(CreationDate).toBeInstanceOf(Date);
    expect(rest).toEqual({
      AWSAccountId: A,
      KeyId: KEY_ID,
      Arn: KEY_ARN,
      Enabled: true,
      Description: "Protects the COPY source",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeyState: "Enabled",
      Origin: "AWS_KMS",
      KeyManager: "CUSTOMER",
      CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
      KeySpec: "SYMMETRIC_DEFAULT",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
      MultiRegion: false,
    });
  });

  test("DescribeKey of a disabled key succeeds and shows KeyState Disabled", async () => {
    const out = await tester().send(new DescribeKeyCommand({ KeyId: DISABLED_KEY_ARN }));
    expect(out.KeyMetadata).toMatchObject({ Enabled: false, KeyState: "Disabled" });
  });

  test("DescribeKey of alias/aws/s3 shows an AWS managed key that a direct Encrypt may not use", async () => {
    const described = await tester().send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }));
    expect(described.KeyMetadata).toMatchObject({ KeyManager: "AWS", AWSAccountId: A, Enabled: true });
    expect(
      await failure(
        tester().send(new EncryptCommand({ KeyId: "alias/aws/s3", Plaintext: Buffer.from("x") })),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: arn:aws:iam::${A}:user/tester is not authorized to perform: kms:Encrypt on resource: ${described.KeyMetadata!.Arn} because no resource-based policy allows the kms:Encrypt action`,
      status: 400,
    });
  });

  test("ListKeys lists the caller's keys in the endpoint's region only", async () => {
    const mine = await tester().send(new ListKeysCommand({}));
    expect(mine.Keys).toEqual(
      expect.arrayContaining([
        { KeyId: KEY_ID, KeyArn: KEY_ARN },
        { KeyId: DISABLED_KEY_ID, KeyArn: DISABLED_KEY_ARN },
      ]),
    );
    expect(mine.Truncated).toBe(false);
    const theirs = await adminB().send(new ListKeysCommand({}));
    expect(theirs.Keys?.map((k) => k.KeyId)).not.toContain(KEY_ID);
  });

  test("ListAliases names each alias's target key, and KeyId filters to one key", async () => {
    const all = await tester().send(new ListAliasesCommand({}));
    expect(all.Aliases).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          AliasName: KEY_ALIAS,
          AliasArn: `arn:aws:kms:${REGION}:${A}:${KEY_ALIAS}`,
          TargetKeyId: KEY_ID,
        }),
        expect.objectContaining({ AliasName: "alias/aws/s3" }),
      ]),
    );
    const filtered = await tester().send(new ListAliasesCommand({ KeyId: KEY_ARN }));
    expect(filtered.Aliases?.map((a) => a.AliasName)).toEqual([KEY_ALIAS]);
  });
});

describe("GetKeyPolicy and PutKeyPolicy validation", () => {
  test("GetKeyPolicy returns the key policy under the name default", async () => {
    const out = await tester().send(new GetKeyPolicyCommand({ KeyId: KEY_ID }));
    expect(out.PolicyName).toBe("default");
    expect(JSON.parse(out.Policy!).Statement[1].Sid).toBe("CopyRoleDecryptsCopyData");
  });

  test("GetKeyPolicy from another account is refused even when the key policy would allow", async () => {
    expect(await failure(adminB().send(new GetKeyPolicyCommand({ KeyId: KEY_ARN })))).toEqual({
      name: "NotFoundException",
      message: `Key '${KEY_ARN}' does not exist`,
      status: 400,
    });
  });

  test("PutKeyPolicy naming a role that does not exist is MalformedPolicyDocumentException", async () => {
    const policy = JSON.stringify(
      policyDocument(
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:*", Resource: "*" },
        allow("kms:Decrypt", "*", { Principal: { AWS: `arn:aws:iam::${B}:role/no-such-role` } }),
      ),
    );
    expect(await failure(tester().send(new PutKeyPolicyCommand({ KeyId: KEY_ID, Policy: policy })))).toEqual({
      name: "MalformedPolicyDocumentException",
      message: "Policy contains a statement with one or more invalid principals.",
      status: 400,
    });
  });

  test("PutKeyPolicy with a document that is not JSON is MalformedPolicyDocumentException", async () => {
    const err = await failure(
      tester().send(new PutKeyPolicyCommand({ KeyId: KEY_ID, Policy: "not a policy" })),
    );
    expect(err.name).toBe("MalformedPolicyDocumentException");
    expect(err.status).toBe(400);
  });

  test("PutKeyPolicy that would lock the caller out is refused by the lockout safety check", async () => {
    expect(
      await failure(
        tester().send(new PutKeyPolicyCommand({ KeyId: KEY_ID, Policy: COPY_ROLE_ONLY_KEY_POLICY })),
      ),
    ).toEqual({
      name: "MalformedPolicyDocumentException",
      message: "The new key policy will not allow you to update the key policy in the future.",
      status: 400,
    });
  });
});
