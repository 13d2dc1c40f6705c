import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import { describe, expect } from "vitest";
import { failure } from "../../support/clients.ts";
import { A, B, BUCKET } from "../../support/constants.ts";
import { seedWith, test } from "../../support/emulator-fixture.ts";
import { s3 } from "./s3-test-clients.ts";

const DENY_EVERYONE = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "DenyEveryone",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
    },
  ],
};
const LOCKED = seedWith({ s3Buckets: [{ name: BUCKET, policy: DENY_EVERYONE }] });
const OPEN_TO_A = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: A }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${BUCKET}/*` },
  ],
});

const refused = (principal: string, action: string, resource: string) => ({
  name: "AccessDenied",
  message: `User: ${principal} is not authorized to perform: ${action} on resource: "${resource}" with an explicit deny in a resource-based policy`,
  status: 403,
});

describe("a bucket policy that denies everyone, and the bucket owner's root user", () => {
  test("A's root user still reads, replaces and deletes the policy that refuses A's administrators", async ({
    start,
  }) => {
    const emu = await start(LOCKED);
    const tester = s3(emu, emu.credentials("A:tester"));
    expect(await failure(tester.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toEqual(
      refused(`arn:aws:iam::${A}:user/tester`, "s3:GetBucketPolicy", `arn:aws:s3:::${BUCKET}`),
    );
    const root = s3(emu, emu.credentials("A:root"));
    const read = await root.send(new GetBucketPolicyCommand({ Bucket: BUCKET }));
    expect(JSON.parse(read.Policy ?? "")).toEqual(DENY_EVERYONE);
    await root.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: OPEN_TO_A }));
    expect((await tester.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBe(OPEN_TO_A);
    await root.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    expect(await failure(root.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toMatchObject({
      name: "NoSuchBucketPolicy",
      status: 404,
    });
  });

  test("the exemption covers the policy operations only: A's root user is still refused the objects", async ({
    start,
  }) => {
    const emu = await start(LOCKED);
    const root = s3(emu, emu.credentials(`arn:aws:iam::${A}:root`));
    expect(
      await failure(root.send(new GetObjectCommand({ Bucket: BUCKET, Key: "input/sales.csv" }))),
    ).toEqual(refused(`arn:aws:iam::${A}:root`, "s3:GetObject", `arn:aws:s3:::${BUCKET}/input/sales.csv`));
  });

  test("another account's root user gets no exemption", async ({ start }) => {
    const emu = await start(LOCKED);
    const other = s3(emu, emu.credentials("B:root"));
    expect(await failure(other.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).toEqual({
      name: "AccessDenied",
      message: "Access Denied",
      status: 403,
    });
  });

  test("an SCP on A still binds A's root user, as only Organizations policies may", async ({ start }) => {
    const emu = await start({
      ...LOCKED,
      accounts: [{ id: "333333333333", alias: "org-management" }],
      organizations: [
        {
          id: "o-chaincheck01",
          managementAccount: "333333333333",
          accounts: [A, B],
          scps: [
            {
              id: "p-nopolicyedits",
              name: "no-bucket-policy-edits",
              targets: [A],
              document: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Deny", Action: "s3:PutBucketPolicy", Resource: "*" }],
              },
            },
          ],
        },
      ],
    });
    const root = s3(emu, emu.credentials("A:root"));
    expect(
      await failure(root.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: OPEN_TO_A }))),
    ).toEqual({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${A}:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${BUCKET}" with an explicit deny in a service control policy: arn:aws:organizations::333333333333:policy/o-chaincheck01/service_control_policy/p-nopolicyedits`,
      status: 403,
    });
    expect((await root.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy).toBeDefined();
  });
});
