import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Caller } from "../../../emulator/core/types.ts";
import { loadSetup, loadWorld, type SetupLayer } from "../../../emulator/index.ts";
import { type ReadFailure, readObjectsAs } from "../../../emulator/s3/index.ts";
import type { World } from "../../../emulator/world/world.ts";
import { A, BUCKET, COPY_ROLE_ARN, REGION, SEED } from "../../support/constants.ts";
import { allow } from "../../support/policy-layers.ts";
import {
  allowAll,
  bucketPolicy,
  copyRoleWith,
  KMS_KEY_ARN,
  KMS_KEY_ID,
  SALES_KEY,
} from "./s3-test-clients.ts";

function world(layer: Omit<SetupLayer, "extends"> = {}, baseDir?: string): World {
  return loadWorld(loadSetup({ extends: SEED, ...layer }, { baseDir }));
}

function copySession(w: World): Caller {
  return w.assumeRoleAsService({
    roleArn: COPY_ROLE_ARN,
    service: "redshift.amazonaws.com",
    sessionName: "RedshiftIamRoleSession",
  }).caller;
}

function failureOf(w: World, request: Parameters<typeof readObjectsAs>[2]): ReadFailure {
  const result = readObjectsAs(w, copySession(w), request);
  if (result.ok) throw new Error("expected a failure");
  return result.failure;
}

describe("readObjectsAs", () => {
  test("reads every object under a prefix as the copy role, with plaintext bodies", () => {
    const w = world();
    const result = readObjectsAs(w, copySession(w), { bucket: BUCKET, prefix: "input/", region: REGION });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.objects.map((o) => o.key)).toEqual([SALES_KEY]);
    expect(result.objects[0]?.body.toString("utf8")).toContain("4,fukuoka,310.75");
    expect(result.objects[0]?.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  test("reads exact keys without listing the bucket", () => {
    const w = world(copyRoleWith(allowAll(["s3:GetObject"], [`arn:aws:s3:::${BUCKET}/*`])));
    const result = readObjectsAs(w, copySession(w), { bucket: BUCKET, keys: [SALES_KEY], region: REGION });
    expect(result.ok).toBe(true);
  });

  test("fails with no-such-bucket for a bucket that does not exist", () => {
    const f = failureOf(world(), { bucket: "no-such-bucket-here", prefix: "", region: REGION });
    expect(f).toMatchObject({
      kind: "no-such-bucket",
      status: 404,
      code: "NoSuchBucket",
      message: "The specified bucket does not exist",
    });
    expect(f.requestId).toMatch(/^[0-9A-F]{16}$/);
  });

  test("fails with wrong-region and S3's 301 text when read from another region", () => {
    const f = failureOf(world(), { bucket: BUCKET, prefix: "input/", region: "us-east-1" });
    expect(f).toMatchObject({
      kind: "wrong-region",
      status: 301,
      code: "PermanentRedirect",
      bucketRegion: REGION,
      endpoint: `${BUCKET}.s3.${REGION}.amazonaws.com`,
      message:
        "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
    });
  });

  test("fails with prefix-empty when no key starts with the prefix", () => {
    const f = failureOf(world(), { bucket: BUCKET, prefix: "missing/", region: REGION });
    expect(f).toMatchObject({
      kind: "prefix-empty",
      prefix: "missing/",
      message: "The specified S3 prefix 'missing/' does not exist",
    });
  });

  test("fails on s3:ListBucket denied by the bucket policy, naming the resource policy as missing", () => {
    const w = world(
      bucketPolicy([
        allow("s3:GetObject", `arn:aws:s3:::${BUCKET}/*`, { Principal: { AWS: COPY_ROLE_ARN } }),
      ]),
    );
    const f = failureOf(w, { bucket: BUCKET, prefix: "input/", region: REGION });
    expect(f).toMatchObject({
      kind: "access-denied",
      action: "s3:ListBucket",
      status: 403,
      message: "Access Denied",
    });
    if (f.kind !== "access-denied") return;
    expect(f.denial).toMatchObject({ explicit: false, policyType: "resource", missing: ["resource"] });
    expect(f.resource).toBe(`arn:aws:s3:::${BUCKET}`);
  });

  test("fails on s3:GetObject denied by the role's identity policy, naming the identity policy as missing", () => {
    const w = world(copyRoleWith(allowAll(["s3:ListBucket"], [`arn:aws:s3:::${BUCKET}`])));
    const f = failureOf(w, { bucket: BUCKET, prefix: "input/", region: REGION });
    expect(f).toMatchObject({
      kind: "access-denied",
      action: "s3:GetObject",
      key: SALES_KEY,
      code: "AccessDenied",
    });
    if (f.kind !== "access-denied") return;
    expect(f.denial).toMatchObject({ explicit: false, policyType: "identity" });
  });

  test("reports an explicit Deny in the bucket policy as such", () => {
    const w = world(
      bucketPolicy([
        allow(["s3:GetObject", "s3:ListBucket"], [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], {
          Principal: { AWS: COPY_ROLE_ARN },
        }),
        { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` },
      ]),
    );
    const f = failureOf(w, { bucket: BUCKET, prefix: "input/", region: REGION });
    if (f.kind !== "access-denied") throw new Error(f.kind);
    expect(f.denial).toMatchObject({ explicit: true, policyType: "resource" });
  });

  test("reads over TLS, so a bucket policy denying insecure transport does not stop it", () => {
    const w = world(
      bucketPolicy([
        allow(["s3:GetObject", "s3:ListBucket"], [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], {
          Principal: { AWS: COPY_ROLE_ARN },
        }),
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
    );
    expect(readObjectsAs(w, copySession(w), { bucket: BUCKET, prefix: "input/", region: REGION }).ok).toBe(
      true,
    );
  });

  test("fails with no-such-key for a manifest key that is missing when listing is allowed", () => {
    const f = failureOf(world(), { bucket: BUCKET, keys: ["input/gone.csv"], region: REGION });
    expect(f).toMatchObject({ kind: "no-such-key", key: "input/gone.csv", status: 404, code: "NoSuchKey" });
  });

  test("fails with kms-denied for an SSE-KMS object whose key policy does not name the role", () => {
    const w = world({
      kmsKeys: [{ account: A, region: REGION, id: KMS_KEY_ID }],
      s3Buckets: [
        {
          account: A,
          region: REGION,
          name: BUCKET,
          objects: [{ key: "input/enc.csv", body: "1\n", sse: "aws:kms", kmsKeyId: KMS_KEY_ID }],
        },
      ],
      ...copyRoleWith(
        allowAll(
          ["s3:GetObject", "s3:ListBucket", "kms:Decrypt"],
          [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`, KMS_KEY_ARN],
        ),
      ),
    });
    const f = failureOf(w, { bucket: BUCKET, prefix: "input/", region: REGION });
    expect(f).toMatchObject({
      kind: "kms-denied",
      key: "input/enc.csv",
      keyArn: KMS_KEY_ARN,
      status: 403,
      message: "Access Denied",
    });
    if (f.kind !== "kms-denied") return;
    expect(f.denial).toMatchObject({ explicit: false, policyType: "resource" });
  });

  test("reads a seeded object from a fixture file relative to the setup's directory", () => {
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-s3-"));
    writeFileSync(join(dir, "rows.csv"), "id\n7\n");
    const w = world(
      {
        s3Buckets: [
          {
            account: A,
            region: REGION,
            name: BUCKET,
            objects: [{ key: "input/rows.csv", file: "rows.csv" }],
          },
        ],
      },
      dir,
    );
    const result = readObjectsAs(w, copySession(w), {
      bucket: BUCKET,
      keys: ["input/rows.csv"],
      region: REGION,
    });
    if (!result.ok) throw new Error(result.failure.kind);
    expect(result.objects[0]?.body.toString("utf8")).toBe("id\n7\n");
  });
});
