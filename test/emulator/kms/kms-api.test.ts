import { DecryptCommand, EncryptCommand, GenerateDataKeyCommand } from "@aws-sdk/client-kms";
import { describe, expect, test } from "vitest";
import { failure, kmsClient } from "../../support/clients.ts";
import { B, COPY_ROLE_ARN } from "../../support/constants.ts";
import {
  COPY_CONTEXT,
  COPY_SESSION_ARN,
  DISABLED_KEY_ID,
  KEY_ALIAS,
  KEY_ARN,
  KEY_ID,
  kmsFileEmulator,
  text,
} from "./kms-setup.ts";

const { emu, tester, adminB } = kmsFileEmulator();
const copyRole = () => kmsClient(emu, emu.credentials(COPY_ROLE_ARN));

async function encryptForCopy(plaintext: string, context: Record<string, string> = COPY_CONTEXT) {
  const out = await tester().send(
    new EncryptCommand({ KeyId: KEY_ALIAS, Plaintext: Buffer.from(plaintext), EncryptionContext: context }),
  );
  return out.CiphertextBlob!;
}

describe("Encrypt, Decrypt and GenerateDataKey", () => {
  test("Encrypt by alias returns an opaque blob that Decrypt turns back into the plaintext without a KeyId", async () => {
    const encrypted = await tester().send(
      new EncryptCommand({ KeyId: KEY_ALIAS, Plaintext: Buffer.from("row 2,osaka,80.00") }),
    );
    expect(encrypted.KeyId).toBe(KEY_ARN);
    expect(encrypted.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
    expect(encrypted.CiphertextBlob).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(encrypted.CiphertextBlob!).includes("osaka")).toBe(false);

    const decrypted = await tester().send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    expect(text(decrypted.Plaintext)).toBe("row 2,osaka,80.00");
    expect(decrypted.KeyId).toBe(KEY_ARN);
    expect(decrypted.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
  });

  test("encrypting the same plaintext twice gives different ciphertexts", async () => {
    const first = await encryptForCopy("same");
    const second = await encryptForCopy("same");
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });

  test("GenerateDataKey with AES_256 returns 32 plaintext bytes whose ciphertext decrypts to the same bytes", async () => {
    const generated = await tester().send(
      new GenerateDataKeyCommand({ KeyId: KEY_ID, KeySpec: "AES_256", EncryptionContext: COPY_CONTEXT }),
    );
    expect(generated.KeyId).toBe(KEY_ARN);
    expect(generated.Plaintext).toHaveLength(32);
    const decrypted = await tester().send(
      new DecryptCommand({ CiphertextBlob: generated.CiphertextBlob, EncryptionContext: COPY_CONTEXT }),
    );
    expect(Buffer.from(decrypted.Plaintext!).equals(Buffer.from(generated.Plaintext!))).toBe(true);
  });

  test("GenerateDataKey with NumberOfBytes returns that many bytes", async () => {
    const generated = await tester().send(new GenerateDataKeyCommand({ KeyId: KEY_ARN, NumberOfBytes: 64 }));
    expect(generated.Plaintext).toHaveLength(64);
  });

  test("Decrypt with a different encryption context is InvalidCiphertextException without a message", async () => {
    const blob = await encryptForCopy("bound to purpose=copy");
    expect(
      await failure(
        tester().send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: "audit" } })),
      ),
    ).toEqual({ name: "InvalidCiphertextException", message: "UnknownError", status: 400 });
  });

  test("Decrypt without the encryption context used at Encrypt is InvalidCiphertextException", async () => {
    const blob = await encryptForCopy("bound to purpose=copy");
    const err = await failure(tester().send(new DecryptCommand({ CiphertextBlob: blob })));
    expect(err.name).toBe("InvalidCiphertextException");
  });

  test("a ciphertext with one flipped byte is InvalidCiphertextException", async () => {
    const blob = Buffer.from(await encryptForCopy("tamper me"));
    blob[blob.length - 20]! ^= 0x01;
    expect(
      await failure(
        tester().send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT })),
      ),
    ).toEqual({ name: "InvalidCiphertextException", message: "UnknownError", status: 400 });
  });

  test("bytes that are no ciphertext at all are InvalidCiphertextException", async () => {
    const err = await failure(
      tester().send(new DecryptCommand({ CiphertextBlob: Buffer.from("not a blob") })),
    );
    expect(err.name).toBe("InvalidCiphertextException");
  });

  test("Encrypt of more than 4096 bytes is a ValidationException that does not echo the plaintext", async () => {
    expect(
      await failure(
        tester().send(new EncryptCommand({ KeyId: KEY_ID, Plaintext: Buffer.alloc(4097, 0x61) })),
      ),
    ).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
      status: 400,
    });
  });

  test("Decrypt with a KeyId that names another key is IncorrectKeyException", async () => {
    const blob = await encryptForCopy("for the copy key");
    const err = await failure(
      tester().send(
        new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT, KeyId: DISABLED_KEY_ID }),
      ),
    );
    expect(err.name).toBe("IncorrectKeyException");
    expect(err.status).toBe(400);
  });
});

describe("GenerateDataKey validation", () => {
  test("NumberOfBytes above 1024 is a ValidationException", async () => {
    expect(
      await failure(tester().send(new GenerateDataKeyCommand({ KeyId: KEY_ID, NumberOfBytes: 2000 }))),
    ).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value '2000' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      status: 400,
    });
  });

  test("an unknown KeySpec is a ValidationException naming the value", async () => {
    const err = await failure(
      tester().send(new GenerateDataKeyCommand({ KeyId: KEY_ID, KeySpec: "AES-256" as "AES_256" })),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.message).toMatch(
      /^1 validation error detected: Value 'AES-256' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[/,
    );
    expect(err.status).toBe(400);
  });

  test("neither KeySpec nor NumberOfBytes is a ValidationException", async () => {
    expect(await failure(tester().send(new GenerateDataKeyCommand({ KeyId: KEY_ID })))).toEqual({
      name: "ValidationException",
      message: "Please specify either number of bytes or key spec.",
      status: 400,
    });
  });
});

describe("cross-account Decrypt: key in A, caller in B", () => {
  test("B's copy role decrypts when the key policy names it and its identity policy allows kms:Decrypt", async () => {
    const blob = await encryptForCopy("id,region,amount");
    const out = await copyRole().send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT }),
    );
    expect(text(out.Plaintext)).toBe("id,region,amount");
    expect(out.KeyId).toBe(KEY_ARN);
  });

  test("B's admin, allowed by its identity policy but not named by the key policy, is denied", async () => {
    const blob = await encryptForCopy("id,region,amount");
    expect(
      await failure(
        adminB().send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT })),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: arn:aws:iam::${B}:user/admin is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no resource-based policy allows the kms:Decrypt action`,
      status: 400,
    });
  });

  test("the key policy's kms:EncryptionContext condition denies the copy role a ciphertext made under another context", async () => {
    const context = { purpose: "audit" };
    const blob = await encryptForCopy("audit data", context);
    expect(
      await failure(
        copyRole().send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message: `User: ${COPY_SESSION_ARN} is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no resource-based policy allows the kms:Decrypt action`,
      status: 400,
    });
  });

  test("the copy role may not Encrypt, and AWS names the missing identity-based policy first", async () => {
    const err = await failure(
      copyRole().send(
        new EncryptCommand({ KeyId: KEY_ARN, Plaintext: Buffer.from("x"), EncryptionContext: COPY_CONTEXT }),
      ),
    );
    expect(err.name).toBe("AccessDeniedException");
    expect(err.message).toBe(
      `User: ${COPY_SESSION_ARN} is not authorized to perform: kms:Encrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Encrypt action`,
    );
  });

  test("a ciphertext from another region's endpoint is the AccessDeniedException for an unknown key", async () => {
    const blob = await encryptForCopy("regional");
    expect(
      await failure(
        kmsClient(emu, emu.credentials("A:tester"), "us-east-1").send(
          new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: COPY_CONTEXT }),
        ),
      ),
    ).toEqual({
      name: "AccessDeniedException",
      message:
        "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.",
      status: 400,
    });
  });
});
