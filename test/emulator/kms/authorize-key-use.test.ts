import { describe, expect, test } from "vitest";
import type { Caller } from "../../../emulator/core/types.ts";
import { loadSetup, loadWorld, type SetupLayer } from "../../../emulator/index.ts";
import { authorizeKeyUse, findKey, keyUseDeniedMessage } from "../../../emulator/kms/index.ts";
import type { World } from "../../../emulator/world/world.ts";
import { A, B, SEED } from "../../support/constants.ts";
import { allow, keyAdminStatement, policyDocument } from "../../support/policy-layers.ts";

const KEY_ID = "1234abcd-12ab-44cd-a6ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:ap-northeast-1:${A}:key/${KEY_ID}`;
const COPY_ROLE = `arn:aws:iam::${B}:role/chaincheck-copy-role`;

function world(layer: Omit<SetupLayer, "extends">): World {
  return loadWorld(loadSetup({ extends: SEED, ...layer }));
}

function key(policy?: object) {
  return {
    kmsKeys: [
      {
        account: A,
        region: "ap-northeast-1",
        id: KEY_ID,
        aliases: ["alias/chaincheck"],
        ...(policy ? { policy } : {}),
      },
    ],
  };
}

function copyRoleSession(w: World): Caller {
  const role = w.iam.getRoleByArn(COPY_ROLE)!;
  return w.issueRoleSession({ role, sessionName: "RedshiftIamRoleSession", durationSeconds: 900 }).caller;
}

function testerCaller(w: World): Caller {
  const creds = w.credentials.all().find((c) => c.caller.arn === `arn:aws:iam::${A}:user/tester`);
  return creds!.caller;
}

const grantTo = (principal: string, condition?: object) =>
  policyDocument(keyAdminStatement(A, "Root"), {
    Sid: "CopyRole",
    ...allow("kms:Decrypt", "*", {
      Principal: { AWS: principal },
      ...(condition ? { Condition: condition } : {}),
    }),
  });

const copyRoleKmsPolicy = {
  roles: [
    {
      account: B,
      name: "chaincheck-copy-role",
      trustPolicy: policyDocument({
        Effect: "Allow",
        Principal: { Service: "redshift.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
      inlinePolicies: [
        {
          name: "decrypt",
          document: policyDocument({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN }),
        },
      ],
    },
  ],
};

describe("findKey", () => {
  test("resolves a key by id, key ARN, alias name and alias ARN", () => {
    const w = world(key());
    expect(findKey(w, A, "ap-northeast-1", KEY_ID)?.arn).toBe(KEY_ARN);
    expect(findKey(w, B, "us-east-1", KEY_ARN)?.arn).toBe(KEY_ARN);
    expect(findKey(w, A, "ap-northeast-1", "alias/chaincheck")?.arn).toBe(KEY_ARN);
    expect(findKey(w, B, "us-east-1", `arn:aws:kms:ap-northeast-1:${A}:alias/chaincheck`)?.arn).toBe(KEY_ARN);
  });

  test("finds nothing for a key id in another region or account", () => {
    const w = world(key());
    expect(findKey(w, A, "us-east-1", KEY_ID)).toBeUndefined();
    expect(findKey(w, B, "ap-northeast-1", KEY_ID)).toBeUndefined();
  });

  test("creates the AWS managed aws/s3 key on first use with the same id every time", () => {
    const w = world({});
    const first = findKey(w, A, "ap-northeast-1", "alias/aws/s3");
    expect(first?.keyManager).toBe("AWS");
    expect(findKey(w, A, "ap-northeast-1", first!.keyId)).toBe(first);
    expect(findKey(world({}), A, "ap-northeast-1", "alias/aws/s3")?.keyId).toBe(first!.keyId);
  });
});

describe("authorizeKeyUse", () => {
  test("allows a same-account administrator through the default key policy's delegation to IAM", () => {
    const w = world(key());
    expect(authorizeKeyUse(w, testerCaller(w), KEY_ARN, "kms:Decrypt").decision).toBe("Allow");
  });

  test("denies a same-account administrator when the key policy does not name the account", () => {
    const w = world(key(grantTo(COPY_ROLE)));
    const policyWithoutRoot = policyDocument({
      Effect: "Allow",
      Principal: { AWS: COPY_ROLE },
      Action: "kms:Decrypt",
      Resource: "*",
    });
    const w2 = world(key(policyWithoutRoot));
    expect(authorizeKeyUse(w, testerCaller(w), KEY_ARN, "kms:Decrypt").decision).toBe("Allow");
    const result = authorizeKeyUse(w2, testerCaller(w2), KEY_ARN, "kms:Decrypt");
    expect(result.decision).toBe("ImplicitDeny");
    const k = findKey(w2, A, "ap-northeast-1", KEY_ID)!;
    expect(keyUseDeniedMessage(result, testerCaller(w2), k, "kms:Decrypt")).toBe(
      `User: arn:aws:iam::${A}:user/tester is not authorized to perform: kms:Decrypt on resource: ${KEY_ARN} because no resource-based policy allows the kms:Decrypt action`,
    );
  });

  test("denies another account's role when only the default key policy exists", () => {
    const w = world({ ...key(), ...copyRoleKmsPolicy });
    const result = authorizeKeyUse(w, copyRoleSession(w), KEY_ARN, "kms:Decrypt");
    expect(result).toMatchObject({ decision: "ImplicitDeny", missing: ["resource"] });
  });

  test("allows another account's role when the key policy and its identity policy both allow", () => {
    const w = world({ ...key(grantTo(COPY_ROLE)), ...copyRoleKmsPolicy });
    expect(authorizeKeyUse(w, copyRoleSession(w), KEY_ARN, "kms:Decrypt").decision).toBe("Allow");
  });

  test("denies another account's role allowed by the key policy but not by its own identity policy", () => {
    const w = world(key(grantTo(COPY_ROLE)));
    const result = authorizeKeyUse(w, copyRoleSession(w), KEY_ARN, "kms:Decrypt");
    expect(result).toMatchObject({ decision: "ImplicitDeny", missing: ["identity"] });
  });

  test("applies kms:ViaService and the S3 encryption context to key policy conditions", () => {
    const condition = {
      StringEquals: { "kms:ViaService": "s3.ap-northeast-1.amazonaws.com" },
      StringLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::chaincheck-copy-source/*" },
    };
    const w = world({ ...key(grantTo(COPY_ROLE, condition)), ...copyRoleKmsPolicy });
    const caller = copyRoleSession(w);
    expect(authorizeKeyUse(w, caller, KEY_ARN, "kms:Decrypt").decision).toBe("ImplicitDeny");
    const viaS3 = {
      viaService: "s3.ap-northeast-1.amazonaws.com",
      encryptionContext: { "aws:s3:arn": "arn:aws:s3:::chaincheck-copy-source/input/sales.csv" },
    };
    expect(authorizeKeyUse(w, caller, KEY_ARN, "kms:Decrypt", viaS3).decision).toBe("Allow");
  });

  test("never lets another account use the AWS managed aws/s3 key", () => {
    const w = world(copyRoleKmsPolicy);
    const managed = findKey(w, A, "ap-northeast-1", "alias/aws/s3")!;
    const via = { viaService: "s3.ap-northeast-1.amazonaws.com" };
    expect(authorizeKeyUse(w, testerCaller(w), managed, "kms:Decrypt", via).decision).toBe("Allow");
    expect(authorizeKeyUse(w, copyRoleSession(w), managed, "kms:Decrypt", via).decision).toBe("ImplicitDeny");
  });

  test("denies a key reference that does not resolve", () => {
    const w = world({});
    expect(authorizeKeyUse(w, testerCaller(w), KEY_ARN, "kms:Decrypt").decision).toBe("ImplicitDeny");
  });
});
